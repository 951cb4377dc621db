import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { checkContent } from '../../src/curriculum/check.ts';
import { formatContentError } from '../../src/curriculum/content-error.ts';
import { fixtures, projectRoot } from '../support/content-root.ts';

test('`astro build` on broken content fails and prints every error with its file and field', () => {
  const root = join(fixtures, 'broken-org');
  const build = spawnSync(
    join(projectRoot, 'node_modules/.bin/astro'),
    ['build', '--outDir', './dist-fixture-broken'],
    {
      cwd: projectRoot,
      encoding: 'utf8',
      // Its own cache: the default one holds the real build's content layer, which test/build/slugs.test.ts reads.
      env: {
        ...process.env,
        TEJIDO_CONTENT_ROOT: root,
        TEJIDO_CACHE_DIR: mkdtempSync(join(tmpdir(), 'tejido-broken-cache-')),
        ASTRO_TELEMETRY_DISABLED: '1',
      },
    },
  );
  const output = build.stdout + build.stderr;
  expect(build.status).not.toBe(0);
  expect(output).toContain('The curriculum content has 8 errors');
  for (const error of checkContent(root).errors) expect(output).toContain(formatContentError(error));
}, 60_000);
