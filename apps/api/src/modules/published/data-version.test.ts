import { describe, expect, it } from 'vitest';
import { CacheVersion, DataVersionReader } from './data-version.js';
import { DataVersionListener, HeardVersion } from './data-version-listener.js';

describe('HeardVersion', () => {
  it('moves forward only, in any order of arrival', () => {
    const h = new HeardVersion();
    h.connecting();
    h.advance('7');
    h.listened('5'); // the read after LISTEN is older than a notification already heard
    expect(h.known()).toBe('7');
    h.advance('6');
    expect(h.known()).toBe('7');
    h.advance('10');
    expect(h.known()).toBe('10');
    h.advance('9007199254740993'); // past 2^53: compared exactly
    h.advance('9007199254740992');
    expect(h.known()).toBe('9007199254740993');
  });

  it('ignores what is not a counter', () => {
    const h = new HeardVersion();
    h.listened('3');
    for (const bad of ['', '-1', '4.5', 'x', '1e3', '99999999999999999999']) h.advance(bad);
    expect(h.known()).toBe('3');
  });

  it('serves nothing before LISTEN is in place, after the connection is lost, or while reconnecting', () => {
    const h = new HeardVersion();
    h.advance('4'); // an own commit before the listener ever connected
    expect(h.known()).toBeNull();
    h.connecting();
    h.advance('5');
    expect(h.known()).toBeNull();
    h.listened('5');
    expect(h.known()).toBe('5');
    h.lost();
    h.advance('6');
    expect(h.known()).toBeNull();
    // A reconnection starts afresh: the read after LISTEN makes the value, not what was known before.
    h.connecting();
    h.listened('8');
    expect(h.known()).toBe('8');
  });
});

describe('CacheVersion: memory or a read', () => {
  const setup = (heard: HeardVersion | null) => {
    let reads = 0;
    let wanted = 0;
    const source = new CacheVersion(
      heard,
      new DataVersionReader(async () => {
        reads++;
        return '41';
      }),
      () => wanted++,
    );
    return { source, reads: () => reads, wanted: () => wanted };
  };

  it('while listening: the heard version, no read', async () => {
    const h = new HeardVersion();
    h.listened('42');
    const s = setup(h);
    expect(await s.source.current()).toBe('42');
    expect(s.reads()).toBe(0);
  });

  it('not listening: reads, and asks for the listener', async () => {
    const h = new HeardVersion();
    const s = setup(h);
    expect(await s.source.current()).toBe('41');
    expect(s.reads()).toBe(1);
    expect(s.wanted()).toBe(1);
    h.listened('42');
    h.lost();
    expect(await s.source.current()).toBe('41');
    expect(s.reads()).toBe(2);
  });

  it('listening switched off: always reads', async () => {
    const s = setup(null);
    expect(await s.source.current()).toBe('41');
    expect(await s.source.current()).toBe('41');
    expect(s.reads()).toBe(2);
  });
});

describe('DataVersionListener without a database', () => {
  it('keeps retrying in the background without serving, and stops cleanly', async () => {
    const heard = new HeardVersion();
    const warnings: string[] = [];
    // Port 1 on loopback: refused at once.
    const listener = new DataVersionListener({
      connectionString: 'postgres://nobody@127.0.0.1:1/none',
      heard,
      log: { log: () => {}, warn: (m) => warnings.push(m) },
      minDelayMs: 5,
      maxDelayMs: 20,
    });
    listener.start();
    const until = Date.now() + 5000;
    while (warnings.length < 3 && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
    expect(warnings.length).toBeGreaterThanOrEqual(3);
    expect(warnings[0]).toMatch(/^DATA_VERSION_LISTEN_LOST: /);
    expect(heard.known()).toBeNull();
    expect(listener.connections).toBe(0);
    await listener.stop();
    const after = warnings.length;
    await new Promise((r) => setTimeout(r, 60));
    expect(warnings.length).toBe(after);
  });
});
