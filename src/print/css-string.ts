/** Text as a quoted CSS string, for `content:` in @page margin boxes (Chromium has no string-set()). */
export const cssString = (text: string) =>
  `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\A ')}"`;
