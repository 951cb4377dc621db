import { spawnSync } from 'node:child_process';
import { expect, test } from 'vitest';
import { distDir } from '../support/built-site.ts';
import { projectRoot } from '../support/content-root.ts';

test('without Chromium, `npm run pdf` says how to install it in one line and succeeds', () => {
  const run = spawnSync(process.execPath, ['src/print/cli/pdf.ts', '--dist', distDir], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' },
  });
  expect(run.status).toBe(0);
  expect(run.stdout.trim().split('\n')).toHaveLength(1);
  expect(run.stdout).toMatch(/Chromium \(\/nonexistent\/chromium\).*apt-get install -y chromium/);
});

test('without a build, `npm run pdf` says to build first and fails', () => {
  const run = spawnSync(process.execPath, ['src/print/cli/pdf.ts', '--dist', 'no-such-build'], {
    cwd: projectRoot,
    encoding: 'utf8',
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('build the site first');
});
