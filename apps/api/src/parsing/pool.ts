import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type ParseOptions, UnreadableInputError } from '@gongkai/report-parser';
import type { ParsedReport } from '@gongkai/report-template';
import type { ParsePoolSettings } from './settings.js';

export { defaultWorkers, PARSE_LIMITS, type ParsePoolSettings, parsePoolSettings } from './settings.js';

/**
 * Reports are parsed in worker processes: a hostile or huge file costs one worker's time and
 * memory, never the API's event loop, and batches use every core. Each parse runs under a time
 * limit and a heap limit; a worker that hits one is thrown away and a fresh one takes the next file.
 *
 * Processes, not worker_threads: a thread's `resourceLimits` gives V8 only 16 MB of leeway past
 * the limit, and one larger allocation (measured: lower-casing a 54 MB document.xml under a 64 MB
 * limit) aborts the whole API process. A worker process that runs out of heap dies alone.
 */
export interface ParsePoolOptions extends ParsePoolSettings {
  /** The worker module; the parser's own unless a test swaps it. */
  script?: string;
}

export type ParseLimitReason = 'parse.timeLimit' | 'parse.memoryLimit' | 'parse.workerFailed';

/** A parse stopped by the pool's limits (or a crashed worker); maps to UNREADABLE_REPORT. */
export class ParseLimitError extends Error {
  constructor(
    readonly reason: ParseLimitReason,
    message: string,
  ) {
    super(message);
    this.name = 'ParseLimitError';
  }
}

interface Task {
  bytes: Uint8Array;
  fileName: string;
  options: ParseOptions;
  resolve(r: ParsedReport): void;
  reject(e: Error): void;
}

interface Slot {
  child: ChildProcess;
  /** The end of the worker's stderr, which says why it died. */
  stderr: string;
  task: Task | null;
  timer: NodeJS.Timeout | null;
  /** The worker has loaded the parser; its start-up does not count against a parse's time. */
  ready: boolean;
}

type Reply = { ready: true } | { report: ParsedReport } | { unreadable: { code: UnreadableInputError['code']; message: string } } | { error: string };

// Two folders up from both src/parsing (tests) and dist/parsing (built): the package root.
const WORKER = fileURLToPath(new URL('../../parse-worker.mjs', import.meta.url));

export class ParsePool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Task[] = [];
  private closed = false;
  private readonly script: string;

  constructor(readonly options: ParsePoolOptions) {
    this.script = options.script ?? WORKER;
  }

  get size(): number {
    return this.options.size;
  }

  /** Parses like `parseReport`, in a worker; rejects with UnreadableInputError or ParseLimitError. */
  parse(bytes: Uint8Array, fileName: string, options: ParseOptions = {}): Promise<ParsedReport> {
    if (this.closed) return Promise.reject(new Error('the parse pool is closed'));
    return new Promise<ParsedReport>((resolve, reject) => {
      this.queue.push({ bytes, fileName, options, resolve, reject });
      this.dispatch();
    });
  }

  /** Parses waiting or running, for metrics. */
  get pending(): number {
    let busy = 0;
    for (const s of this.slots) if (s.task) busy++;
    return busy + this.queue.length;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.queue.splice(0)) t.reject(new Error('the parse pool is closed'));
    await Promise.all(
      [...this.slots].map(async (s) => {
        if (s.timer) clearTimeout(s.timer);
        s.task?.reject(new Error('the parse pool is closed'));
        s.task = null;
        this.slots.delete(s);
        s.child.kill('SIGKILL');
      }),
    );
  }

  /** Nest calls this when the application closes. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  private dispatch() {
    while (this.queue.length > 0 && !this.closed) {
      let slot: Slot | null = null;
      for (const s of this.slots)
        if (!s.task) {
          slot = s;
          break;
        }
      if (!slot) {
        if (this.slots.size >= this.options.size) return;
        slot = this.spawn();
      }
      this.run(slot, this.queue.shift() as Task);
    }
  }

  private spawn(): Slot {
    const child = fork(this.script, [], {
      // Not the parent's flags (a test runner's loaders): only the heap limit.
      execArgv: [`--max-old-space-size=${this.options.memoryMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const slot: Slot = { child, stderr: '', task: null, timer: null, ready: false };
    this.slots.add(slot);
    child.stderr?.on('data', (d: Buffer) => {
      slot.stderr = (slot.stderr + d.toString('utf8')).slice(-4096);
    });
    child.on('message', (reply: Reply) => this.finish(slot, reply));
    child.on('error', (e) =>
      this.discard(slot, new ParseLimitError('parse.workerFailed', `解析进程出错：${String(e.message).split('\n')[0]} (the parser failed)`)),
    );
    // 'close', not 'exit': by then stderr has been read to its end.
    child.on('close', (code, signal) => {
      const memory = /heap limit|out of memory/i.test(slot.stderr);
      this.discard(
        slot,
        memory
          ? new ParseLimitError(
              'parse.memoryLimit',
              `解析超出内存上限 ${this.options.memoryMb} MB，文件过大或结构异常 (the parse went over its ${this.options.memoryMb} MB memory limit)`,
            )
          : new ParseLimitError('parse.workerFailed', `解析进程意外退出 (the parser stopped unexpectedly: ${signal ?? `exit ${code}`})`),
      );
    });
    this.idle(slot);
    return slot;
  }

  /** An idle worker must not keep a finished command alive. */
  private idle(slot: Slot) {
    slot.child.unref();
    (slot.child.channel as { unref?(): void } | undefined)?.unref?.();
  }

  private run(slot: Slot, task: Task) {
    slot.task = task;
    slot.child.ref();
    (slot.child.channel as { ref?(): void } | undefined)?.ref?.();
    if (slot.ready) this.startClock(slot);
    slot.child.send({ bytes: task.bytes, fileName: task.fileName, options: task.options });
  }

  private startClock(slot: Slot) {
    slot.timer = setTimeout(() => {
      const seconds = this.options.timeoutMs / 1000;
      this.discard(
        slot,
        new ParseLimitError('parse.timeLimit', `解析超过 ${seconds} 秒仍未完成，文件过大或结构异常 (the parse took longer than ${seconds} s)`),
      );
    }, this.options.timeoutMs);
  }

  private finish(slot: Slot, reply: Reply) {
    if ('ready' in reply) {
      slot.ready = true;
      if (slot.task) this.startClock(slot);
      return;
    }
    const task = slot.task;
    if (!task) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
    this.idle(slot);
    if ('report' in reply) task.resolve(reply.report);
    else if ('unreadable' in reply) task.reject(new UnreadableInputError(reply.unreadable.code, reply.unreadable.message));
    else task.reject(new Error(reply.error));
    this.dispatch();
  }

  /** The worker is gone or going: its task fails with `why`, and the next task gets a new worker. */
  private discard(slot: Slot, why: Error) {
    if (!this.slots.delete(slot)) return;
    if (slot.timer) clearTimeout(slot.timer);
    const task = slot.task;
    slot.task = null;
    slot.child.kill('SIGKILL');
    task?.reject(why);
    this.dispatch();
  }
}
