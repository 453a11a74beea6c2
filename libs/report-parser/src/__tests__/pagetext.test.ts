import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type CanonicalReport, cellPaths, getCell } from '@gongkai/report-template';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../parse.js';

/**
 * The whole page on one line, as archive crawlers save it: the same numbers as the body's PDF,
 * whatever stray spaces or wide gaps a crawl kept, and prose mentioning the tables' words is not a table.
 */
const fixtures = join(import.meta.dirname, '../../fixtures');
const pageText = await readFile(join(fixtures, 'hongze-district-2024-pagetext/input.txt'), 'utf8');
const pdf = JSON.parse(await readFile(join(fixtures, 'hongze-district-2024/expected.json'), 'utf8')) as CanonicalReport;

async function numbersDiffer(text: string): Promise<string[]> {
  const r = await parseReport(new TextEncoder().encode(text), 'page.txt');
  return cellPaths(pdf.templateVersion).filter((p) => getCell(r, p) !== getCell(pdf, p));
}

describe('page text on one line', () => {
  it('reads exactly the numbers of the same report as a PDF', async () => {
    expect(await numbersDiffer(pageText)).toEqual([]);
  });

  it('a crawl that kept a few wide gaps or stray spaces reads the same', async () => {
    const gaps = pageText.replace('规章000', '规章  000').replace('三、收到和处理', '  三、收到和处理').replace('950000095', '95 0 0000 95');
    expect(await numbersDiffer(gaps)).toEqual([]);
  });

  it('prose that names the tables’ rows is not cut into table rows', async () => {
    const prose = '2024年，全区共收到申请17件，其中予以公开10件，部分公开3件，不予公开2件，本机关不掌握相关政府信息2件。';
    const r = await parseReport(new TextEncoder().encode(pageText.replace('一、总体情况', `一、总体情况${prose}`)), 'page.txt');
    expect(cellPaths(pdf.templateVersion).filter((p) => getCell(r, p) !== getCell(pdf, p))).toEqual([]);
    expect(r.text.overview).toContain('予以公开10件');
  });
});
