// Parses for the parse pool (src/parsing/pool.ts), in its own process, one file at a time in the
// order sent (the pool sends a few ahead). Plain JavaScript so the same file serves the built API
// and the tests, which run the TypeScript sources.
import { parseReport, UnreadableInputError } from '@gongkai/report-parser';

let chain = Promise.resolve();
process.on('message', (task) => {
  chain = chain.then(() => run(task));
});

async function run({ id, bytes, fileName, options }) {
  try {
    process.send({ id, report: await parseReport(bytes, fileName, options) });
  } catch (e) {
    if (e instanceof UnreadableInputError) process.send({ id, unreadable: { code: e.code, message: e.message } });
    else process.send({ id, error: String(e?.message ?? e).split('\n')[0] });
  }
}

// The API is gone (even by kill -9): the pipe closes and this worker goes too.
process.on('disconnect', () => process.exit(0));

// Loaded: from now on a parse's time limit runs.
process.send({ ready: true });
