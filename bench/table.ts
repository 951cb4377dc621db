export interface Row {
  figure: string;
  value: string;
  target?: string;
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The one table `npm run bench` prints: every figure a measured number. */
export function printTable(rows: Row[]): void {
  const width = Math.max(6, ...rows.map((r) => r.figure.length));
  const valueWidth = Math.max(5, ...rows.map((r) => r.value.length));
  console.log(`| ${'figure'.padEnd(width)} | ${'value'.padEnd(valueWidth)} | target |`);
  console.log(`| ${'-'.repeat(width)} | ${'-'.repeat(valueWidth)} | ------ |`);
  for (const r of rows)
    console.log(`| ${r.figure.padEnd(width)} | ${r.value.padEnd(valueWidth)} | ${r.target ?? ''} |`);
}
