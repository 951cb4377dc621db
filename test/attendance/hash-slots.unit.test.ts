import { describe, expect, test } from 'vitest';
import { ApiError } from '../../src/attendance/errors.ts';
import {
  BUSY_RETRY_AFTER_SECONDS,
  hashSlotsFull,
  inHashSlot,
  MAX_CONCURRENT_HASHES,
  MAX_WAITING_HASHES,
} from '../../src/attendance/auth/hash-slots.ts';

describe('hash slots', () => {
  test(`run at most ${MAX_CONCURRENT_HASHES} at once, keep ${MAX_WAITING_HASHES} waiting, and refuse the next one at once with server_busy`, async () => {
    let inFlight = 0;
    let most = 0;
    const gates: (() => void)[] = [];
    const job = () =>
      inHashSlot(async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise<void>((resolve) => gates.push(resolve));
        inFlight -= 1;
      });
    const jobs = Array.from({ length: MAX_CONCURRENT_HASHES + MAX_WAITING_HASHES }, job);
    await new Promise((r) => setTimeout(r, 10));
    expect(inFlight).toBe(MAX_CONCURRENT_HASHES);
    expect(hashSlotsFull()).toBe(true);

    // "At once" as an order, not a time: the refusal settles before the event loop's next turn,
    // while every gate is still shut (a wait for a slot could only end after one opens).
    const attempt = inHashSlot(async () => 'ran').catch((e: unknown) => e);
    const nextTurn = new Promise<'next turn'>((resolve) => setImmediate(() => resolve('next turn')));
    const refused = await Promise.race([attempt, nextTurn]);
    expect(gates).toHaveLength(MAX_CONCURRENT_HASHES);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe('server_busy');
    expect((refused as ApiError).status).toBe(503);
    expect((refused as ApiError).extra?.retryAfterSeconds).toBe(BUSY_RETRY_AFTER_SECONDS);

    // Open the gates one by one: every waiting job runs, never more than the limit at once.
    while (gates.length || inFlight) {
      gates.shift()?.();
      await new Promise((r) => setTimeout(r, 1));
    }
    await Promise.all(jobs);
    expect(most).toBe(MAX_CONCURRENT_HASHES);
    expect(hashSlotsFull()).toBe(false);
    expect(await inHashSlot(async () => 'ran')).toBe('ran');
  });

  test('a job that throws gives its slot back', async () => {
    for (let i = 0; i < MAX_CONCURRENT_HASHES + MAX_WAITING_HASHES + 5; i++)
      await expect(inHashSlot(async () => Promise.reject(new Error('scrypt failed')))).rejects.toThrow('scrypt failed');
    expect(await inHashSlot(async () => 'still works')).toBe('still works');
  });
});
