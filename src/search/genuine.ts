import { normalise } from './words.ts';

/**
 * When a word is not in the index, Pagefind (1.x) falls back to index words the typed word starts
 * with: "xyzzy" finds the letter "X" of a drawing's instructions, "violensia" finds "vio" (saw).
 * Those results answer a different word, so the search page drops the word instead of showing
 * them. A match is that fallback when every word Pagefind matched is a proper prefix of the typed
 * word and shorter than half of it; stemmed matches ("ahorrando" → "ahorrar", "cuidadosamente" →
 * "cuidado") keep at least half the word, and a typed prefix ("viol") matches longer words.
 *
 * Named rule `search.fallback_match`; tested in test/search/genuine.test.ts.
 */
export function isFallbackMatch(term: string, matched: readonly string[]): boolean {
  const typed = normalise(term);
  if (matched.length === 0) return true;
  return matched.every((word) => {
    const found = leadingWord(normalise(word));
    return found.length < typed.length && typed.startsWith(found) && found.length * 2 < typed.length;
  });
}

/** Pagefind's words keep what was glued to them in the page ("violencia10"): only the letters count. */
function leadingWord(word: string): string {
  return /^\p{L}+/u.exec(word)?.[0] ?? word;
}

/** The words of a result's text Pagefind matched, from its `content` and word `locations`. */
export function matchedWords(content: string, locations: readonly number[]): string[] {
  const words = content.split(/\s+/);
  return [...new Set(locations.map((index) => words[index]).filter((word): word is string => Boolean(word)))];
}
