import { defineConfig } from 'vitest/config';

// Tests by kind, each a vitest project; `npm test` (vitest run) runs them all.
// - unit: plain functions, no server, database, browser or build: `npx vitest --project unit`, about a second.
// - build: the built site and PDFs (needs `npm run build`).
// - fixtures: fixture organisations built on their own, one at a time.
// - api: the real server on SQLite and PostgreSQL (one throwaway PostgreSQL cluster per run of the project).
// - browser: the real server driven by Chromium.
const unit = 'test/**/*.unit.test.ts';
const kinds = {
  build: [
    'test/build/**/*.test.ts',
    'test/catalog/**/*.test.ts',
    'test/curriculum/**/*.test.ts',
    'test/print/**/*.test.ts',
    'test/bench/**/*.test.ts',
  ],
  api: [
    'test/api/**/*.test.ts',
    'test/attendance/**/*.test.ts',
    'test/server/**/*.test.ts',
    'test/office/**/*.test.ts',
  ],
  // Fixture organisations built with `astro build`: each has its own outDir and cacheDir, but Astro writes its
  // generated modules into the one .astro/ of the project root, so two such builds at once can mix their content.
  fixtures: ['test/reuse/**/*.test.ts'],
  browser: ['test/e2e/**/*.test.ts', 'test/field/**/*.test.ts', 'test/search/**/*.test.ts'],
};
const withPostgres = ['test/support/global-setup.ts'];

export default defineConfig({
  test: {
    // Server, database and browser tests start real processes: give them room on a 2-core CI machine.
    testTimeout: 60_000,
    // expect.poll waits on a real browser and server: 1 s (the default) is too short on a busy CI machine.
    expect: { poll: { timeout: 10_000, interval: 100 } },
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: [unit], testTimeout: 5_000 } },
      { extends: true, test: { name: 'build', include: kinds.build, exclude: [unit] } },
      // One fixture build at a time (see `fixtures` above); the other projects run beside it.
      { extends: true, test: { name: 'fixtures', include: kinds.fixtures, exclude: [unit], fileParallelism: false } },
      { extends: true, test: { name: 'api', include: kinds.api, exclude: [unit], globalSetup: withPostgres } },
      { extends: true, test: { name: 'browser', include: kinds.browser, exclude: [unit], globalSetup: withPostgres } },
    ],
  },
});
