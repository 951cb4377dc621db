/**
 * Mean sentence length, in words, of an MDX body: the reading-level figure of the content lint.
 * Short sentences are what a rural facilitator can read aloud at a meeting; 20 words is the
 * ceiling. Headings, list items and table cells count as sentences of their own, as a reader
 * meets them; code, imports and markup are not text.
 */
export function meanSentenceLength(mdx: string): { sentences: number; words: number; mean: number } {
  const text = mdx
    .replace(/^(import|export)\s.*$/gm, '')
    .replace(/```[\s\S]*?```/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s*\|?\s*-{3,}.*$/gm, '')
    .replace(/[*_`>#|]/g, ' ');
  const sentences = text
    .split(/\n+/)
    .flatMap((line) => line.split(/(?<=[.!?…])\s+/))
    .map((s) => s.replace(/^\s*(\d+\.|[-–•])\s+/, '').trim())
    .filter((s) => /\p{L}/u.test(s));
  const words = sentences.reduce((n, s) => n + s.split(/\s+/).filter((w) => /\p{L}|\d/u.test(w)).length, 0);
  return { sentences: sentences.length, words, mean: sentences.length ? words / sentences.length : 0 };
}
