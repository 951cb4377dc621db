import { ApiError } from '../errors.ts';

/**
 * At most this many password hashes run at once in one process. scrypt runs on libuv's thread
 * pool (4 threads by default) with 32 MiB each; the static pages are file reads on the same
 * pool. Two hashes keep two threads free for them, and already fill two cores.
 */
export const MAX_CONCURRENT_HASHES = 2;
/** Hashes allowed to wait for a slot: at ~100 ms a hash, under a second of waiting. Beyond that, 503 at once. */
export const MAX_WAITING_HASHES = 16;
/** What a refused caller is told to wait, in seconds. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

let running = 0;
const waiting: (() => void)[] = [];

export const busy = () =>
  new ApiError('server_busy', 'The server is busy signing people in. Try again in a moment.', {
    extra: { retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS },
  });

/** True when a hash started now would have to be refused: nothing is counted or hashed then. */
export const hashSlotsFull = () => running >= MAX_CONCURRENT_HASHES && waiting.length >= MAX_WAITING_HASHES;

/** Runs `work` in a hash slot, waiting in a bounded line; throws `server_busy` when the line is full. */
export async function inHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_HASHES) {
    if (waiting.length >= MAX_WAITING_HASHES) throw busy();
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else running += 1;
  try {
    return await work();
  } finally {
    // The slot passes straight to the next in line, so `running` never overshoots.
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}
