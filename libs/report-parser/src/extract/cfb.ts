import { UnreadableInputError } from '../errors.js';

/**
 * The streams of an OLE2 compound file (the container of Word 97–2003 .doc, WPS and old Excel
 * files), by name. Every chain is followed with a bound and a loop check: a hostile file's sector
 * table can point anywhere, or in circles.
 */
export interface CompoundFile {
  stream(name: string): Uint8Array | null;
  names(): string[];
}

const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;
const HEADER_DIFAT = 109;

export function broken(why: string): UnreadableInputError {
  return new UnreadableInputError('input.brokenDoc', `Word (.doc) 文件已损坏，无法读取 (broken .doc: ${why})`);
}

export function readCompoundFile(b: Uint8Array): CompoundFile {
  if (b.length < 512) throw broken('shorter than its header');
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u32 = (o: number) => view.getUint32(o, true);
  const shift = view.getUint16(0x1e, true);
  const miniShift = view.getUint16(0x20, true);
  if ((shift !== 9 && shift !== 12) || miniShift !== 6) throw broken('unknown sector size');
  const size = 1 << shift;
  const sectorCount = Math.floor((b.length - size) / size) + 1;
  const sectorAt = (n: number) => {
    if (n >= sectorCount) throw broken(`sector ${n} past the end of the file`);
    return size + n * size;
  };

  // The sector table's own sectors: 109 named in the header, the rest in a chain of DIFAT sectors.
  const fatSectors: number[] = [];
  for (let i = 0; i < HEADER_DIFAT; i++) {
    const s = u32(0x4c + i * 4);
    if (s !== FREE) fatSectors.push(s);
  }
  let difat = u32(0x44);
  for (let seen = 0; difat !== END_OF_CHAIN && difat !== FREE; seen++) {
    if (seen > sectorCount) throw broken('the sector table loops');
    const at = sectorAt(difat);
    for (let i = 0; i < size / 4 - 1; i++) {
      const s = u32(at + i * 4);
      if (s !== FREE) fatSectors.push(s);
    }
    difat = u32(at + size - 4);
  }
  const fat = new Uint32Array(fatSectors.length * (size / 4));
  for (const [k, s] of fatSectors.entries()) {
    const at = sectorAt(s);
    for (let i = 0; i < size / 4; i++) fat[k * (size / 4) + i] = u32(at + i * 4);
  }

  /** The sectors of a chain, in order; `next` is the table that links them. */
  const chain = (start: number, next: Uint32Array, limit: number): number[] => {
    const out: number[] = [];
    for (let s = start; s !== END_OF_CHAIN; s = next[s] as number) {
      if (s >= next.length || out.length > limit) throw broken('a sector chain loops or runs off the table');
      out.push(s);
    }
    return out;
  };
  const readChain = (start: number, length: number): Uint8Array => {
    if (length === 0 || start === END_OF_CHAIN) return new Uint8Array(0);
    const sectors = chain(start, fat, sectorCount);
    if (sectors.length * size < length) throw broken('a stream is longer than its sectors');
    const out = new Uint8Array(length);
    for (let i = 0, o = 0; o < length; i++, o += size) {
      const at = sectorAt(sectors[i] as number);
      out.set(b.subarray(at, Math.min(at + size, at + length - o)), o);
    }
    return out;
  };

  const dirSectors = chain(u32(0x30), fat, sectorCount);
  const dir = readChain(u32(0x30), dirSectors.length * size);
  const dv = new DataView(dir.buffer, dir.byteOffset, dir.byteLength);
  interface Entry {
    name: string;
    type: number;
    start: number;
    size: number;
  }
  const entries: Entry[] = [];
  for (let o = 0; o + 128 <= dir.length; o += 128) {
    const type = dir[o + 0x42] as number;
    if (type === 0) continue;
    const nameBytes = Math.min(64, Math.max(0, dv.getUint16(o + 0x40, true) - 2));
    let name = '';
    for (let i = 0; i + 1 < nameBytes; i += 2) name += String.fromCharCode(dv.getUint16(o + i, true));
    const high = dv.getUint32(o + 0x7c, true);
    // Version 3 files keep junk in the high half; no report stream is anywhere near 4 GB.
    const streamSize = shift === 9 || high === 0 ? dv.getUint32(o + 0x78, true) : Number.POSITIVE_INFINITY;
    if (streamSize > b.length) throw broken(`stream ${name} is larger than the file`);
    entries.push({ name, type, start: dv.getUint32(o + 0x74, true), size: streamSize });
  }
  const root = entries.find((e) => e.type === 5);
  if (!root) throw broken('no root entry');

  const cutoff = u32(0x38);
  let mini: { data: Uint8Array; fat: Uint32Array } | null = null;
  const miniStream = () => {
    if (mini) return mini;
    const count = u32(0x40);
    if (count > sectorCount) throw broken('mini sector table larger than the file');
    const raw = readChain(u32(0x3c), count * size);
    const table = new Uint32Array(raw.length / 4);
    const rv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    for (let i = 0; i < table.length; i++) table[i] = rv.getUint32(i * 4, true);
    mini = { data: readChain(root.start, root.size), fat: table };
    return mini;
  };

  return {
    names: () => entries.map((e) => e.name),
    stream(name) {
      const e = entries.find((x) => x.type === 2 && x.name === name);
      if (!e) return null;
      if (e.size >= cutoff) return readChain(e.start, e.size);
      const m = miniStream();
      const sectors = chain(e.start, m.fat, m.fat.length);
      const out = new Uint8Array(e.size);
      for (let i = 0, o = 0; o < e.size; i++, o += 64) {
        const at = (sectors[i] as number) * 64;
        if (sectors[i] === undefined || at + Math.min(64, e.size - o) > m.data.length) throw broken(`stream ${name} runs past the mini stream`);
        out.set(m.data.subarray(at, at + Math.min(64, e.size - o)), o);
      }
      return out;
    },
  };
}
