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
  id: number;
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
  /** Sent to this worker, in order; the first is running, the rest wait in its pipe. */
  tasks: Task[];
  timer: NodeJS.Timeout | null;
  /** The worker has loaded the parser; its start-up does not count against a parse's time. */
  ready: boolean;
}

/**
 * Files sent ahead to a busy worker: it starts the next the moment it answers, instead of
 * waiting a round trip (measured: small reports parse in ~1 ms, and the round trip cost ~40 % of
 * one worker's throughput). Only the running one's clock runs.
 */
const PIPELINE = 4;

type Reply =
  | { ready: true }
  | ({ id: number } & ({ report: ParsedReport } | { unreadable: { code: UnreadableInputError['code']; message: string } } | { error: string }));

// Two folders up from both src/parsing (tests) and dist/parsing (built): the package root.
const WORKER = fileURLToPath(new URL('../../parse-worker.mjs', import.meta.url));

export class ParsePool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Task[] = [];
  private closed = false;
  private nextId = 1;
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
      this.queue.push({ id: this.nextId++, bytes, fileName, options, resolve, reject });
      this.dispatch();
    });
  }

  /** Parses waiting or running, for metrics. */
  get pending(): number {
    let n = this.queue.length;
    for (const s of this.slots) n += s.tasks.length;
    return n;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const closed = new Error('the parse pool is closed');
    for (const t of this.queue.splice(0)) t.reject(closed);
    for (const s of [...this.slots]) {
      if (s.timer) clearTimeout(s.timer);
      for (const t of s.tasks.splice(0)) t.reject(closed);
      this.slots.delete(s);
      s.child.kill('SIGKILL');
    }
  }

  /** Nest calls this when the application closes. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  private dispatch() {
    while (this.queue.length > 0 && !this.closed) {
      // The least loaded worker; a new one while there is room and every worker is busy.
      let slot: Slot | null = null;
      for (const s of this.slots) if (!slot || s.tasks.length < slot.tasks.length) slot = s;
      if ((!slot || slot.tasks.length > 0) && this.slots.size < this.options.size) slot = this.spawn();
      if (!slot || slot.tasks.length >= PIPELINE) return;
      this.send(slot, this.queue.shift() as Task);
    }
  }

  private spawn(): Slot {
    const child = fork(this.script, [], {
      // Not the parent's flags (a test runner's loaders): only the heap limit.
      execArgv: [`--max-old-space-size=${this.options.memoryMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const slot: Slot = { child, stderr: '', tasks: [], timer: null, ready: false };
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

  private send(slot: Slot, task: Task) {
    slot.tasks.push(task);
    slot.child.ref();
    (slot.child.channel as { ref?(): void } | undefined)?.ref?.();
    if (slot.ready && slot.tasks.length === 1) this.startClock(slot);
    slot.child.send({ id: task.id, bytes: task.bytes, fileName: task.fileName, options: task.options });
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
      if (slot.tasks.length > 0) this.startClock(slot);
      return;
    }
    if (slot.tasks[0]?.id !== reply.id) {
      this.discard(slot, new ParseLimitError('parse.workerFailed', '解析进程答非所问 (the parser answered out of order)'));
      return;
    }
    const task = slot.tasks.shift() as Task;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    // The worker has started the next one already.
    if (slot.tasks.length > 0) this.startClock(slot);
    else this.idle(slot);
    if ('report' in reply) task.resolve(reply.report);
    else if ('unreadable' in reply) task.reject(new UnreadableInputError(reply.unreadable.code, reply.unreadable.message));
    else task.reject(new Error(reply.error));
    this.dispatch();
  }

  /**
   * The worker is gone or going: the file it was parsing fails with `why`; the files waiting
   * behind it go back to the front of the queue, for a new worker.
   */
  private discard(slot: Slot, why: Error) {
    if (!this.slots.delete(slot)) return;
    if (slot.timer) clearTimeout(slot.timer);
    const [running, ...waiting] = slot.tasks.splice(0);
    slot.child.kill('SIGKILL');
    this.queue.unshift(...waiting);
    running?.reject(why);
    this.dispatch();
  }
}
