import { spawnSync } from 'node:child_process';
import { globSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectRoot } from '../test/support/content-root.ts';
import type { Row } from './table.ts';

/**
 * How long `npm run pdf` takes to print the whole curriculum (every book in A4 and Letter, every
 * card, every handout) from an existing build: run it after benchSite, which builds dist/.
 */
export async function benchPdf(dist = process.env.TEJIDO_DIST ?? 'dist'): Promise<Row[]> {
  const started = performance.now();
  const run = spawnSync('npm', ['run', '--silent', 'pdf', '--', '--dist', dist], {
    cwd: projectRoot,
    encoding: 'utf8',
  });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`npm run pdf failed:\n${run.stdout}${run.stderr}`);
  if (/skipped/.test(run.stdout)) return [{ figure: '`npm run pdf`', value: 'skipped: Chromium or poppler missing' }];
  const pdfs = globSync('**/*.pdf', { cwd: join(projectRoot, dist, 'client/pdf') });
  const bytes = pdfs.reduce((n, f) => n + statSync(join(projectRoot, dist, 'client/pdf', f)).size, 0);
  return [
    {
      figure: `\`npm run pdf\`: whole curriculum, ${pdfs.length} PDFs (books A4 + Letter, cards, handouts)`,
      value: `${seconds.toFixed(1)} s`,
      target: '< 120 s',
    },
    { figure: 'PDFs written, total size', value: `${(bytes / 1024 / 1024).toFixed(1)} MB` },
  ];
}
