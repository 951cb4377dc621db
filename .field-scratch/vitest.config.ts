import { defineConfig } from 'vitest/config';
export default defineConfig({
  root: '/work/main',
  test: { include: ['.field-scratch/**/*.test.ts'], globalSetup: ['test/support/global-setup.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
});
