import { spawnSync } from 'node:child_process';

/** poppler's pdfinfo, which reads page counts and named destinations out of a PDF. */
const PDFINFO = 'pdfinfo';

export function pdfinfoInstalled(): boolean {
  return spawnSync(PDFINFO, ['-v']).error === undefined;
}

function pdfinfo(args: string[]): string {
  const run = spawnSync(PDFINFO, args, { encoding: 'utf8' });
  if (run.error || run.status !== 0)
    throw new Error(`pdfinfo ${args.join(' ')} failed: ${run.error?.message ?? run.stderr}`);
  return run.stdout;
}

export function pageCount(file: string): number {
  const pages = /^Pages:\s+(\d+)/m.exec(pdfinfo([file]))?.[1];
  if (!pages) throw new Error(`pdfinfo found no page count in ${file}`);
  return Number(pages);
}

/**
 * The page (1-based) of each named destination. Chromium names a destination after the id of
 * every element a link in the document points at, so an anchor's page is where it was printed.
 */
export function destinations(file: string): Map<string, number> {
  return parseDestinations(pdfinfo(['-dests', file]));
}

/** Parses `pdfinfo -dests` output: `   3 [ XYZ    6  826 null      ] "sesion-a"` per line. */
export function parseDestinations(output: string): Map<string, number> {
  const pages = new Map<string, number>();
  for (const match of output.matchAll(/^\s*(\d+)\s+\[[^\]]*\]\s+"(.*)"\s*$/gm)) pages.set(match[2]!, Number(match[1]));
  return pages;
}
