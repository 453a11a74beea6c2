// Hand-made zip bombs for the hostile-input tests (parser and API).

/**
 * A raw DEFLATE stream of `repeats × 258 + 1` zero bytes, written by hand with the fixed Huffman
 * code: one literal 0, then (length 258, distance 1) over and over — 13 bits per 258 bytes, so a
 * GiB takes ~6.8 MB and nothing near a GiB is ever held in memory to make it.
 */
export function zeroBomb(repeats: number): Uint8Array {
  const out = new Uint8Array(Math.ceil((3 + 8 + repeats * 13 + 7) / 8) + 1);
  let bit = 0;
  const put = (value: number, n: number) => {
    for (let i = 0; i < n; i++, bit++) if ((value >> i) & 1) out[bit >> 3] = (out[bit >> 3] as number) | (1 << (bit & 7));
  };
  // Huffman codes are sent most significant bit first.
  const code = (c: number, n: number) => {
    for (let i = n - 1; i >= 0; i--) put((c >> i) & 1, 1);
  };
  put(1, 1); // last block
  put(1, 2); // fixed Huffman codes
  code(0b00110000, 8); // literal 0
  for (let i = 0; i < repeats; i++) {
    code(0b11000101, 8); // length 258 (symbol 285)
    code(0, 5); // distance 1
  }
  code(0, 7); // end of block
  return out.subarray(0, Math.ceil(bit / 8));
}

/** A one-file zip whose headers claim `claimed` bytes for word/document.xml, whatever it holds. */
export function lyingDocx(deflated: Uint8Array, claimed: number): Uint8Array {
  const name = new TextEncoder().encode('word/document.xml');
  const local = new Uint8Array(30 + name.length);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, 0x04034b50, true);
  lv.setUint16(4, 20, true);
  lv.setUint16(8, 8, true); // deflate
  lv.setUint32(18, deflated.length, true);
  lv.setUint32(22, claimed, true);
  lv.setUint16(26, name.length, true);
  local.set(name, 30);
  const central = new Uint8Array(46 + name.length);
  const cv = new DataView(central.buffer);
  cv.setUint32(0, 0x02014b50, true);
  cv.setUint16(4, 20, true);
  cv.setUint16(6, 20, true);
  cv.setUint16(10, 8, true);
  cv.setUint32(20, deflated.length, true);
  cv.setUint32(24, claimed, true);
  cv.setUint16(28, name.length, true);
  cv.setUint32(42, 0, true);
  central.set(name, 46);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, 1, true);
  ev.setUint16(10, 1, true);
  ev.setUint32(12, central.length, true);
  ev.setUint32(16, local.length + deflated.length, true);
  const zip = new Uint8Array(local.length + deflated.length + central.length + end.length);
  zip.set(local, 0);
  zip.set(deflated, local.length);
  zip.set(central, local.length + deflated.length);
  zip.set(end, local.length + deflated.length + central.length);
  return zip;
}
