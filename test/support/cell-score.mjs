// How a parse compares with the report it was made from, cell by cell: right, flagged (the parser
// said it could not read the cell), or silently wrong. Shared by the producers test and bench.
import { cellPaths, getCell, REFUSING_RULES } from '@gongkai/report-template';

/**
 * `truth` is the canonical report the document was made from: a blank printed cell is `null`
 * there, and right is `parsed === truth` (null === null). Non-zero: truth is a number other than 0.
 */
export function scoreCells(parsed, truth) {
  const flaggedPaths = new Set(parsed.findings.filter((f) => REFUSING_RULES.has(f.rule)).flatMap((f) => f.cells));
  const all = { cells: 0, right: 0, flagged: 0, wrong: 0 };
  const nonZero = { cells: 0, right: 0, flagged: 0, wrong: 0 };
  const wrongCells = [];
  for (const path of cellPaths(truth.templateVersion)) {
    const want = getCell(truth, path);
    const got = getCell(parsed, path);
    const outcome = flaggedPaths.has(path) ? 'flagged' : got === want ? 'right' : 'wrong';
    for (const t of want !== null && want !== 0 ? [all, nonZero] : [all]) {
      t.cells++;
      t[outcome]++;
    }
    if (outcome === 'wrong') wrongCells.push({ path, got, want });
  }
  return { all, nonZero, wrongCells };
}

export function addScores(into, s) {
  for (const k of ['all', 'nonZero']) for (const f of ['cells', 'right', 'flagged', 'wrong']) into[k][f] += s[k][f];
  return into;
}

export const emptyScore = () => ({ all: { cells: 0, right: 0, flagged: 0, wrong: 0 }, nonZero: { cells: 0, right: 0, flagged: 0, wrong: 0 } });

/** A document refused as a whole (a coded UnreadableInputError): every cell counts as flagged. */
export function scoreRefusal(truth) {
  const s = emptyScore();
  for (const path of cellPaths(truth.templateVersion)) {
    const want = getCell(truth, path);
    for (const t of want !== null && want !== 0 ? [s.all, s.nonZero] : [s.all]) {
      t.cells++;
      t.flagged++;
    }
  }
  return { ...s, wrongCells: [] };
}
