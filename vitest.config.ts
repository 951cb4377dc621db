import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Server, database and browser tests start real processes: give them room on a 2-core CI machine.
    testTimeout: 60_000,
    // expect.poll waits on a real browser and server: 1 s (the default) is too short on a busy CI machine.
    expect: { poll: { timeout: 10_000, interval: 100 } },
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
});
