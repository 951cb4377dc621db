import { describe, expect, test } from 'vitest';
import { ApiError } from '../../src/attendance/errors.ts';
import {
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

    const started = performance.now();
    const refused = await inHashSlot(async () => 'ran').catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(50);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe('server_busy');
    expect((refused as ApiError).status).toBe(503);
    expect((refused as ApiError).extra?.retryAfterSeconds).toBeGreaterThan(0);

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
