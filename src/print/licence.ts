/** A licence's short name and the page with its text, from its SPDX identifier. */
export function licenceOf(spdx: string): { label: string; url: string } {
  const cc = /^CC-(BY(?:-(?:NC|SA|ND))*)-(\d\.\d)$/.exec(spdx);
  if (cc) return { label: `CC ${cc[1]} ${cc[2]}`, url: `https://creativecommons.org/licenses/${cc[1]!.toLowerCase()}/${cc[2]}/` };
  const zero = /^CC0-(\d\.\d)$/.exec(spdx);
  if (zero) return { label: `CC0 ${zero[1]}`, url: `https://creativecommons.org/publicdomain/zero/${zero[1]}/` };
  return { label: spdx, url: `https://spdx.org/licenses/${spdx}.html` };
}
