/**
 * A licence's short name and the page with its text, from its SPDX identifier. The one place that
 * turns an SPDX id into a link: the catalog's JSON-LD and the printed colophons both read it.
 *
 * Creative Commons ids follow one grammar, BY then NC then SA or ND (SPDX `CC-BY-NC-SA-4.0`); an id
 * outside it (say `CC-BY-SA-NC-4.0`, which is no licence) is not guessed into a CC address but
 * left to spdx.org. SPDX ids match case-insensitively, so `cc-by-4.0` is CC BY 4.0 too.
 */
export function licenceOf(spdx: string): { label: string; url: string } {
  const cc = /^CC-(BY(?:-NC)?(?:-SA|-ND)?)-(\d\.\d)$/i.exec(spdx);
  if (cc) {
    const terms = cc[1]!.toUpperCase();
    return {
      label: `CC ${terms} ${cc[2]}`,
      url: `https://creativecommons.org/licenses/${terms.toLowerCase()}/${cc[2]}/`,
    };
  }
  const zero = /^CC0-(\d\.\d)$/i.exec(spdx);
  if (zero) return { label: `CC0 ${zero[1]}`, url: `https://creativecommons.org/publicdomain/zero/${zero[1]}/` };
  return { label: spdx, url: `https://spdx.org/licenses/${spdx}.html` };
}
