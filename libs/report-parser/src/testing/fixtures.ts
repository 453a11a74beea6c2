import { join } from 'node:path';
import { UnreadableInputError } from '../errors.js';
import { parseReport } from '../parse.js';

/** File access is passed in so the parser package itself never touches the file system. */
export interface FixtureFs {
  readdir(dir: string): Promise<string[]>;
  readFile(path: string): Promise<Uint8Array>;
}

/** What a golden file holds for one fixture folder: the parse, or the coded refusal. */
export async function fixtureResult(dir: string, fs: FixtureFs): Promise<unknown> {
  const files = await fs.readdir(dir);
  const input = files.find((f) => f.startsWith('input.'));
  if (!input) throw new Error(`${dir}: no input.* file`);
  let previous = null;
  if (files.includes('meta.json')) {
    const meta = JSON.parse(new TextDecoder().decode(await fs.readFile(join(dir, 'meta.json')))) as { previous?: string };
    if (meta.previous) previous = await parseReport(await fs.readFile(join(dir, meta.previous)), meta.previous);
  }
  try {
    return await parseReport(await fs.readFile(join(dir, input)), input, { previous });
  } catch (e) {
    if (e instanceof UnreadableInputError) return { error: { code: e.code, message: e.message } };
    throw e;
  }
}
