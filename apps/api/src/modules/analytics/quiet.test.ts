import { describe, expect, it } from 'vitest';
import { Quiet } from './quiet.js';

/** A clock the test moves: sleeping advances it, nothing waits for real time. */
function clock() {
  const c = { t: 0, slept: [] as number[] };
  return {
    c,
    now: () => c.t,
    sleep: async (ms: number) => {
      c.slept.push(ms);
      c.t += ms;
    },
  };
}

describe('Quiet', () => {
  it('lets work through at once when nothing has been asked', async () => {
    const { c, now, sleep } = clock();
    await new Quiet(20, 2000, now, sleep).wait();
    expect(c.slept).toEqual([]);
  });

  it('waits while a question runs, and for the quiet time after it ends', async () => {
    const { c, now, sleep } = clock();
    const quiet = new Quiet(20, 2000, now, sleep);
    let end!: () => void;
    const question = quiet.during(() => new Promise<void>((r) => (end = r)));
    let done = false;
    const waiting = quiet.wait().then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false); // a question runs
    c.t = 100;
    end();
    await question; // ended at t = 100: quiet from t = 120
    await waiting;
    expect(done).toBe(true);
    expect(c.t).toBeGreaterThanOrEqual(120);
    expect(c.t).toBeLessThan(2000);
  });

  it('counts a question that failed as ended', async () => {
    const { c, now, sleep } = clock();
    const quiet = new Quiet(20, 2000, now, sleep);
    await expect(quiet.during(() => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    await quiet.wait();
    expect(c.t).toBe(20);
  });

  it('lets work through after the longest wait on a server that is never quiet', async () => {
    const { c, now, sleep } = clock();
    const quiet = new Quiet(20, 2000, now, sleep);
    void quiet.during(() => new Promise(() => {})); // never ends
    await quiet.wait();
    expect(c.t).toBe(2000);
  });
});
