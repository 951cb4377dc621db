import { Worker } from 'node:worker_threads';

/**
 * The worker's own code, as text: an eval'd worker needs no file of its own, so it runs the same
 * from the sources (tests, CLI) and from the server Astro bundled into dist/. It opens the SQLite
 * file read-only and answers one compiled query at a time. Under WAL a reader never blocks the
 * writer and reads the last committed state, so the main thread keeps writing batches while a
 * long indicators read runs here.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(workerData.path, { readOnly: true, timeout: 5000 });
const statements = new Map();
parentPort.on('message', ({ id, sql, parameters }) => {
  try {
    let statement = statements.get(sql);
    if (!statement) {
      // The few indicator queries differ only in their parameters: prepared once each.
      if (statements.size > 200) statements.clear();
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    parentPort.postMessage({ id, rows: statement.all(...parameters) });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error && error.message), code: error && error.code, errcode: error && error.errcode } });
  }
});
`;

interface Answer {
  id: number;
  rows?: unknown[];
  error?: { message: string; code?: string; errcode?: number };
}

/** A query the worker refused (SQLite's own error, its code kept for the fault log). */
export class ReadWorkerError extends Error {
  readonly code: string | undefined;
  readonly errcode: number | undefined;
  constructor(error: NonNullable<Answer['error']>) {
    super(error.message);
    this.code = error.code;
    this.errcode = error.errcode;
  }
}

/**
 * One worker thread with its own read-only connection to a SQLite file, started on the first
 * query. Queries queue in the worker and answer in order; if the worker dies, the queries in
 * flight fail and the next one starts a new worker.
 */
export class ReadWorker {
  readonly #path: string;
  #worker: Worker | undefined;
  #next = 0;
  readonly #waiting = new Map<number, { resolve: (rows: unknown[]) => void; reject: (error: Error) => void }>();

  constructor(path: string) {
    this.#path = path;
  }

  /** Queries sent and not yet answered: a pool sends the next query to the least busy worker. */
  get pending(): number {
    return this.#waiting.size;
  }

  all(sql: string, parameters: readonly unknown[]): Promise<unknown[]> {
    const worker = this.#started();
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      worker.postMessage({ id, sql, parameters });
    });
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }

  #started(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path: this.#path } });
    // An idle reader must not keep the process (a CLI, a test) alive.
    worker.unref();
    worker.on('message', (answer: Answer) => {
      const waiting = this.#waiting.get(answer.id);
      this.#waiting.delete(answer.id);
      if (answer.error) waiting?.reject(new ReadWorkerError(answer.error));
      else waiting?.resolve(answer.rows ?? []);
    });
    const fail = (error: Error) => {
      if (this.#worker === worker) this.#worker = undefined;
      for (const waiting of this.#waiting.values()) waiting.reject(error);
      this.#waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`read_worker: the SQLite read worker stopped (exit code ${code}).`)));
    this.#worker = worker;
    return worker;
  }
}
