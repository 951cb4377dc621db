// Words as the search compares them: lower case, without accents or the punctuation around them.
// "¿Violencia," and "violencia" are one word; "niñas" and "ninas" too, since a phone's keyboard
// often has no ñ or accents at hand.

/** A word as typed or as written in a page, for comparison: "«Ahorramos»." → "ahorramos". */
export function normalise(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase('es')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/** The words of a text in reading order, as written (letters, digits, inner hyphens and apostrophes). */
export function wordsOf(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? [];
}

/** The words of a query the search uses: a single letter or digit finds everything, so it is left out. */
export function queryTerms(query: string): string[] {
  return wordsOf(query).filter((word) => normalise(word).length >= MIN_TERM_LENGTH);
}

export const MIN_TERM_LENGTH = 2;
