import { spawnSync } from 'node:child_process';

/** The text of each page of a PDF, in reading layout (poppler's pdftotext -layout; pages end in a form feed). */
export function pdfPageTexts(file: string): string[] {
  const run = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  if (run.error || run.status !== 0)
    throw new Error(
      `pdftotext ${file} failed: ${run.error?.message ?? run.stderr} — install poppler-utils (.ci/run does)`,
    );
  return run.stdout.split('\f').slice(0, -1);
}

/** Runs of white space (line breaks, layout padding) as one space: titles wrap differently on paper. */
export const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The paper of a PDF's first page as pdfinfo names it, e.g. "A4" or "letter". */
export function paperOf(file: string): string | undefined {
  const run = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  return /^Page size:.*\((\w+)\)/m.exec(run.stdout)?.[1];
}

/** A word of a PDF page: its text, page (1-based) and box in points, top-left origin. */
export interface PdfWord {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word of a PDF with its page and box (poppler's pdftotext -bbox). */
export function pdfWords(file: string): PdfWord[] {
  const run = spawnSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  if (run.error || run.status !== 0)
    throw new Error(`pdftotext -bbox ${file} failed: ${run.error?.message ?? run.stderr}`);
  const word = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  return run.stdout
    .split('<page ')
    .slice(1)
    .flatMap((page, i) =>
      [...page.matchAll(word)].map((m) => ({
        page: i + 1,
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
        text: m[5]!,
      })),
    );
}

/** Each page's size in points as pdfinfo reports it, e.g. [595.28, 841.89] for A4 portrait. */
export function pageSizes(file: string): [number, number][] {
  const run = spawnSync('pdfinfo', ['-f', '1', '-l', '9999', file], { encoding: 'utf8' });
  return [...run.stdout.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/gm)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** The text of each page in the order it was drawn (pdftotext -raw): a grid of cards reads card by card. */
export function pdfPageTextsInOrder(file: string): string[] {
  const run = spawnSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
  if (run.error || run.status !== 0)
    throw new Error(`pdftotext -raw ${file} failed: ${run.error?.message ?? run.stderr}`);
  return run.stdout.split('\f').slice(0, -1);
}
