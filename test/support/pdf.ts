import { spawnSync } from 'node:child_process';

/** The text of each page of a PDF, in reading layout (poppler's pdftotext -layout; pages end in a form feed). */
export function pdfPageTexts(file: string): string[] {
  const run = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  if (run.error || run.status !== 0) throw new Error(`pdftotext ${file} failed: ${run.error?.message ?? run.stderr} — install poppler-utils (.ci/run does)`);
  return run.stdout.split('\f').slice(0, -1);
}

/** Runs of white space (line breaks, layout padding) as one space: titles wrap differently on paper. */
export const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The paper of a PDF's first page as pdfinfo names it, e.g. "A4" or "letter". */
export function paperOf(file: string): string | undefined {
  const run = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  return /^Page size:.*\((\w+)\)/m.exec(run.stdout)?.[1];
}
