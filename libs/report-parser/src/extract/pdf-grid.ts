/**
 * Ruled tables in a PDF page. Browsers, Word, WPS and LibreOffice draw a table's borders as lines
 * or thin rectangles; those lines, not the text positions, say which cell a number stands in.
 * A blank cell is a ruled box with no text, so it stays blank instead of taking its neighbour's
 * number, and a wrapped label stays in its own cell however its lines fall.
 *
 * The lines are grouped into tables (lines that touch), each table's lines make a lattice, and
 * the lattice's boxes that no line separates are merged into cells (rowspan/colspan), as an HTML
 * table would have them. Rows come out like HTML's: a merged cell once, at its top-left box.
 */
import { isFootnoteMark } from '../normalize.js';

export interface Seg {
  /** Horizontal: y and x0..x1; vertical: x and y0..y1 (page space, y up). */
  dir: 'h' | 'v';
  at: number;
  from: number;
  to: number;
}

export interface GridItem {
  str: string;
  x: number;
  y: number;
  w: number;
  size: number;
}

export interface GridCell {
  text: string;
  x: number;
  y: number;
  items: GridItem[];
}

export interface GridTable {
  top: number;
  bottom: number;
  left: number;
  right: number;
  rows: GridCell[][];
}

export type Mat = [number, number, number, number, number, number];
export function mul(m: Mat, n: Mat): Mat {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}
const apply = (m: Mat, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** A line thinner than this is a rule, whether stroked or filled as a thin box. */
const THIN = 2.5;
/** Lines closer than this are one rule (adjacent cells each draw their own border). */
const SNAP = 2.5;

/** A painted path: its data (see walkPath) in user space, the matrix to the page, and whether it is only filled. */
export interface PaintedPath {
  ctm: Mat;
  data: ArrayLike<number>;
  filled: boolean;
}

/** Straight horizontal and vertical lines drawn on a page, in page space. */
export function pathSegments(paths: Iterable<PaintedPath>): Seg[] {
  const segs: Seg[] = [];
  for (const { ctm, data, filled } of paths) {
    const addBox = (x0: number, y0: number, x1: number, y1: number, filled: boolean) => {
      const [ax, ay] = apply(ctm, x0, y0);
      const [bx, by] = apply(ctm, x1, y1);
      const l = Math.min(ax, bx);
      const r = Math.max(ax, bx);
      const b = Math.min(ay, by);
      const t = Math.max(ay, by);
      if (r - l <= THIN && t - b > THIN) segs.push({ dir: 'v', at: (l + r) / 2, from: b, to: t });
      else if (t - b <= THIN && r - l > THIN) segs.push({ dir: 'h', at: (b + t) / 2, from: l, to: r });
      else if (!filled && r - l > THIN && t - b > THIN) {
        // A stroked box: its four edges are rules.
        segs.push(
          { dir: 'h', at: t, from: l, to: r },
          { dir: 'h', at: b, from: l, to: r },
          { dir: 'v', at: l, from: b, to: t },
          { dir: 'v', at: r, from: b, to: t },
        );
      }
    };
    const addLine = (x0: number, y0: number, x1: number, y1: number) => {
      const [ax, ay] = apply(ctm, x0, y0);
      const [bx, by] = apply(ctm, x1, y1);
      if (Math.abs(ax - bx) <= 0.5 && Math.abs(ay - by) > THIN) segs.push({ dir: 'v', at: (ax + bx) / 2, from: Math.min(ay, by), to: Math.max(ay, by) });
      else if (Math.abs(ay - by) <= 0.5 && Math.abs(ax - bx) > THIN) segs.push({ dir: 'h', at: (ay + by) / 2, from: Math.min(ax, bx), to: Math.max(ax, bx) });
    };
    walkPath(data, addBox, addLine, filled);
    if (segs.length > 20_000) break; // a drawing, not a table: enough to tell
  }
  return segs;
}

/** Path data: 0 moveTo x y, 1 lineTo x y, 2 curveTo 6, 3 quadraticCurveTo 4, 4 closePath. */
function walkPath(
  d: ArrayLike<number>,
  addBox: (x0: number, y0: number, x1: number, y1: number, filled: boolean) => void,
  addLine: (x0: number, y0: number, x1: number, y1: number) => void,
  filled: boolean,
) {
  let pts: [number, number][] = [];
  let curved = false;
  const flush = () => {
    if (pts.length >= 4 && !curved && isBox(pts)) {
      const xs = pts.map((p) => p[0]);
      const ys = pts.map((p) => p[1]);
      addBox(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys), filled);
    } else if (!curved) {
      for (let k = 1; k < pts.length; k++) addLine(...(pts[k - 1] as [number, number]), ...(pts[k] as [number, number]));
    }
    pts = [];
    curved = false;
  };
  for (let i = 0; i < d.length; ) {
    const op = d[i++];
    if (op === 0) {
      flush();
      pts.push([d[i++] as number, d[i++] as number]);
    } else if (op === 1) pts.push([d[i++] as number, d[i++] as number]);
    else if (op === 2) {
      curved = true;
      i += 6;
    } else if (op === 3) {
      curved = true;
      i += 4;
    } else if (op === 4) {
      if (pts[0]) pts.push(pts[0]);
    } else break;
  }
  flush();
}

function isBox(pts: [number, number][]): boolean {
  const uniq = pts.filter((p, k) => k === 0 || p[0] !== (pts[k - 1] as [number, number])[0] || p[1] !== (pts[k - 1] as [number, number])[1]);
  if (uniq.length < 4 || uniq.length > 5) return false;
  for (let k = 1; k < uniq.length; k++) {
    const [a, b] = [uniq[k - 1] as [number, number], uniq[k] as [number, number]];
    if (Math.abs(a[0] - b[0]) > 0.5 && Math.abs(a[1] - b[1]) > 0.5) return false;
  }
  return true;
}

/** Clusters close values; returns the representative (mean) of each cluster, sorted. */
function snap(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v - (last[last.length - 1] as number) <= SNAP) last.push(v);
    else out.push([v]);
  }
  return out.map((c) => c.reduce((s, v) => s + v, 0) / c.length);
}

/** Tables on one page from its rules, with the text items placed in their cells. */
export function ruledTables(segs: Seg[], items: GridItem[]): { tables: GridTable[]; rest: GridItem[] } {
  const groups = touchingGroups(segs);
  const tables: GridTable[] = [];
  const used = new Set<GridItem>();
  for (const g of groups) {
    const t = lattice(g, items, used);
    if (t) tables.push(t);
  }
  return { tables, rest: items.filter((it) => !used.has(it)) };
}

function touchingGroups(segs: Seg[]): Seg[][] {
  const parent = segs.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
    return i;
  };
  const hs = segs.map((s, i) => [s, i] as const).filter(([s]) => s.dir === 'h');
  const vs = segs.map((s, i) => [s, i] as const).filter(([s]) => s.dir === 'v');
  const tol = SNAP;
  for (const [h, hi] of hs)
    for (const [v, vi] of vs) if (v.at >= h.from - tol && v.at <= h.to + tol && h.at >= v.from - tol && h.at <= v.to + tol) parent[find(hi)] = find(vi);
  // A border drawn cell by cell is pieces of one line: pieces that meet end to end are one rule.
  for (const list of [hs, vs]) {
    // Collinear: positions that chain within the tolerance.
    const byAt = [...list].sort(([a], [b]) => a.at - b.at);
    const lines: (typeof list)[number][][] = [];
    for (const e of byAt) {
      const last = lines[lines.length - 1];
      const prev = last?.[last.length - 1];
      if (last && prev && e[0].at - prev[0].at <= tol) last.push(e);
      else lines.push([e]);
    }
    for (const line of lines) {
      line.sort(([a], [b]) => a.from - b.from);
      let [head, headIndex] = line[0] as (typeof list)[number];
      let reach = head.to;
      for (const [b, bi] of line.slice(1)) {
        if (b.from <= reach + tol) parent[find(bi)] = find(headIndex);
        else [head, headIndex] = [b, bi];
        reach = b.from <= reach + tol ? Math.max(reach, b.to) : b.to;
      }
    }
  }
  const byRoot = new Map<number, Seg[]>();
  segs.forEach((s, i) => {
    const r = find(i);
    const list = byRoot.get(r) ?? [];
    list.push(s);
    byRoot.set(r, list);
  });
  return [...byRoot.values()];
}

function lattice(segs: Seg[], items: GridItem[], used: Set<GridItem>): GridTable | null {
  const H = segs.filter((s) => s.dir === 'h');
  const V = segs.filter((s) => s.dir === 'v');
  const xs = snap(V.map((s) => s.at));
  // A table cut by a page break has no rule where the page cut it: the vertical rules' ends
  // close it there.
  const vTop = Math.max(...V.map((s) => s.to));
  const vBottom = Math.min(...V.map((s) => s.from));
  const hYs = H.map((s) => s.at);
  const virtual = [vTop, vBottom].filter((y) => hYs.every((h) => Math.abs(h - y) > SNAP));
  const ys = snap([...hYs, ...virtual]).reverse(); // top first
  if (xs.length < 3 || ys.length < 2) return null;
  const nx = xs.length - 1;
  const ny = ys.length - 1;
  const near = (a: number, b: number) => Math.abs(a - b) <= SNAP;
  // Is there a vertical rule at column line i across band j, a horizontal one at row line j across column i?
  const vWall = (i: number, j: number) => {
    const x = xs[i] as number;
    const mid = ((ys[j] as number) + (ys[j + 1] as number)) / 2;
    return V.some((s) => near(s.at, x) && s.from <= mid && s.to >= mid);
  };
  const hWall = (j: number, i: number) => {
    const y = ys[j] as number;
    if (virtual.some((v) => near(v, y))) return true;
    const mid = ((xs[i] as number) + (xs[i + 1] as number)) / 2;
    return H.some((s) => near(s.at, y) && s.from <= mid && s.to >= mid);
  };
  const id = (j: number, i: number) => j * nx + i;
  const parent = Array.from({ length: nx * ny }, (_, k) => k);
  const find = (k: number): number => {
    while (parent[k] !== k) k = parent[k] = parent[parent[k] as number] as number;
    return k;
  };
  const open = new Set<number>();
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      if (i + 1 < nx && !vWall(i + 1, j)) parent[find(id(j, i + 1))] = find(id(j, i));
      if (j + 1 < ny && !hWall(j + 1, i)) parent[find(id(j + 1, i))] = find(id(j, i));
    }
  }
  // Boxes on the lattice's edge without a rule there are outside the table (a ragged table).
  for (let j = 0; j < ny; j++) {
    if (!vWall(0, j)) open.add(find(id(j, 0)));
    if (!vWall(nx, j)) open.add(find(id(j, nx - 1)));
  }
  for (let i = 0; i < nx; i++) {
    if (!hWall(0, i)) open.add(find(id(0, i)));
    if (!hWall(ny, i)) open.add(find(id(ny - 1, i)));
  }
  const cells = new Map<number, GridCell>();
  const first = new Map<number, [number, number]>();
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++) {
      const r = find(id(j, i));
      if (open.has(r)) continue;
      if (!first.has(r)) {
        first.set(r, [j, i]);
        cells.set(r, { text: '', x: ((xs[i] as number) + (xs[i + 1] as number)) / 2, y: ((ys[j] as number) + (ys[j + 1] as number)) / 2, items: [] });
      }
    }
  if (cells.size < 2) return null;
  const top = ys[0] as number;
  const bottom = ys[ny] as number;
  const left = xs[0] as number;
  const right = xs[nx] as number;
  for (const whole of items) {
    for (const it of acrossRules(whole, xs)) {
      const cx = it.x + it.w / 2;
      const cy = it.y + it.size * 0.3;
      if (cx < left || cx > right || cy > top || cy < bottom) continue;
      const i = xs.findIndex((x, k) => k < nx && cx >= x && cx <= (xs[k + 1] as number));
      const j = ys.findIndex((y, k) => k < ny && cy <= y && cy >= (ys[k + 1] as number));
      if (i < 0 || j < 0) continue;
      const cell = cells.get(find(id(j, i)));
      if (!cell) continue;
      cell.items.push(it);
      used.add(whole);
    }
  }
  const rows: GridCell[][] = Array.from({ length: ny }, () => []);
  for (const [r, [j, i]] of [...first.entries()].sort((a, b) => a[1][0] - b[1][0] || a[1][1] - b[1][1])) {
    const cell = cells.get(r) as GridCell;
    cell.text = cellText(cell.items);
    // The number's own position, for provenance; the box's centre for a blank.
    const lead = cell.items[0];
    if (lead) {
      cell.x = lead.x + lead.w / 2;
      cell.y = lead.y;
    }
    void i;
    (rows[j] as GridCell[]).push(cell);
  }
  return { top, bottom, left, right, rows: rows.filter((r) => r.length > 0) };
}

/**
 * A piece of text that runs across a column's rule is words of two cells joined by the writer
 * (LibreOffice sets a long label and the number after it as one run, `禁止公开 3`): it is cut at
 * its spaces, each word placed by its share of the piece's width (an ideograph counts twice a
 * Latin character or digit), so the number lands in its own cell.
 */
function acrossRules(it: GridItem, xs: number[]): GridItem[] {
  const pad = it.size * 0.2;
  if (!it.str.includes(' ') || !xs.some((x) => x > it.x + pad && x < it.x + it.w - pad)) return [it];
  const weight = (s: string) => {
    let n = 0;
    for (const ch of s) n += ch.charCodeAt(0) > 0x2e7f ? 2 : 1;
    return n;
  };
  const total = weight(it.str);
  const out: GridItem[] = [];
  for (const m of it.str.matchAll(/\S+/g)) {
    const before = weight(it.str.slice(0, m.index));
    out.push({ ...it, str: m[0], x: it.x + (it.w * before) / total, w: (it.w * weight(m[0])) / total });
  }
  return out.length > 0 ? out : [it];
}

/**
 * A footnote mark set superscript (`721²` as a browser or LibreOffice prints `721<sup>2</sup>`):
 * smaller than the piece it follows, raised above its baseline and right after it. Read in, it
 * would make 7212 or 2721 of the count.
 */
function superscriptMark(it: GridItem, items: GridItem[]): boolean {
  if (!isFootnoteMark(it.str)) return false;
  return items.some(
    (b) =>
      b !== it &&
      b.size >= 1.2 * it.size &&
      it.y - b.y > 0.15 * b.size &&
      it.y - b.y < b.size &&
      it.x >= b.x + b.w - 0.5 * b.size &&
      it.x <= b.x + b.w + b.size,
  );
}

/** A cell's text in reading order: its lines top to bottom, pieces left to right. */
function cellText(all: GridItem[]): string {
  if (all.length === 0) return '';
  const items = all.length > 1 ? all.filter((it) => !superscriptMark(it, all)) : all;
  const near = (a: GridItem, b: GridItem) => Math.abs(a.y - b.y) <= Math.max(2, 0.45 * Math.min(a.size, b.size));
  // Lines first, then left to right within a line: pieces in other fonts (digits beside CJK) sit a
  // fraction of a point higher or lower and must not jump ahead of the words before them.
  const lines: GridItem[][] = [];
  for (const it of [...items].sort((a, b) => b.y - a.y)) {
    const line = lines[lines.length - 1];
    if (line && near(line[0] as GridItem, it)) line.push(it);
    else lines.push([it]);
  }
  const sorted = lines.flatMap((l) => l.sort((a, b) => a.x - b.x));
  let text = '';
  let prev: GridItem | null = null;
  for (const it of sorted) {
    if (prev) {
      const sameLine = near(prev, it);
      // Digits split into runs on one line are one number; a new line or a wide gap is a space.
      const gap = it.x - (prev.x + prev.w);
      if (!sameLine || gap > prev.size * 0.6) text += sameLine ? ' ' : '';
    }
    text += it.str;
    prev = it;
  }
  return text.trim();
}
