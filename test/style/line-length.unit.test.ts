import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';
import { projectRoot } from '../support/content-root.ts';

/**
 * Prettier wraps code at 120 columns but leaves long strings and comments alone; this is the
 * limit for those. A longer line is a message to split (concatenate) or a comment to wrap.
 */
const LIMIT = 160;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mjs|js|astro|css)$/.test(entry.name) ? [path] : [];
  });
}

test(`no line in src/ is longer than ${LIMIT} characters`, () => {
  const long = sourceFiles(join(projectRoot, 'src')).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (line.length > LIMIT ? [`${relative(projectRoot, file)}:${i + 1} (${line.length})`] : [])),
  );
  expect(long).toEqual([]);
});
