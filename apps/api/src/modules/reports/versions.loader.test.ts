import { describe, expect, it, vi } from 'vitest';
import { versionsLoader } from './versions.loader.js';

// The database side (one query for a page of reports) is in __tests__/stored-versions.test.ts.
describe('versionsLoader', () => {
  it('batches the ids it is given and answers each with its own versions, newest first', async () => {
    const versionsOfReports = vi.fn(async (reportIds: readonly number[]) =>
      reportIds.flatMap((id) => (id === 3 ? [] : [2, 1].map((version) => ({ id: id * 10 + version, reportId: id, version })))),
    );
    const loader = versionsLoader({ versionsOfReports } as never);
    const [a, b, c] = await Promise.all([loader.load(1), loader.load(2), loader.load(3)]);
    expect(versionsOfReports).toHaveBeenCalledTimes(1);
    expect(versionsOfReports).toHaveBeenCalledWith([1, 2, 3]);
    expect(a?.map((v) => v.id)).toEqual([12, 11]);
    expect(b?.map((v) => v.id)).toEqual([22, 21]);
    expect(c).toEqual([]);
  });
});
