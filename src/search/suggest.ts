import { normalise } from './words.ts';

/**
 * The curriculum's words, for "¿Quisiste decir…?": each word once, as written most often, most
 * frequent first. Built from the source texts at build time (src/pages/buscar/palabras.json.ts)
 * and downloaded only when a search finds nothing.
 */
export interface Vocabulary {
  words: string[];
}

/** Words shorter than this are not worth suggesting (and "de", "la" would match any typo). */
const MIN_SUGGESTED_LENGTH = 4;

/** Builds the vocabulary from texts: words counted without accents or case, shown as most often written. */
export function buildVocabulary(texts: Iterable<string>, wordsOf: (text: string) => string[]): Vocabulary {
  const counts = new Map<string, { count: number; spellings: Map<string, number> }>();
  for (const text of texts) {
    for (const word of wordsOf(text)) {
      const key = normalise(word);
      if (key.length < MIN_SUGGESTED_LENGTH || /\d/.test(key)) continue;
      const entry = counts.get(key) ?? { count: 0, spellings: new Map() };
      entry.count++;
      const spelling = word.toLocaleLowerCase('es');
      entry.spellings.set(spelling, (entry.spellings.get(spelling) ?? 0) + 1);
      counts.set(key, entry);
    }
  }
  const words = [...counts.values()]
    // A word met once is as likely a name or a slip as a word she means.
    .filter((entry) => entry.count >= 2)
    .sort((a, b) => b.count - a.count)
    .map((entry) => [...entry.spellings].sort((a, b) => b[1] - a[1])[0]![0]);
  return { words };
}

/**
 * The word she most likely meant: the most frequent curriculum word within one edit of what she
 * typed (two for words of 8 letters or more), where an edit is a letter added, left out, changed
 * or two neighbours swapped ("violensia" → "violencia", "ahoro" → "ahorro"). None when the typed
 * word is itself a curriculum word or nothing is close enough.
 */
export function suggest(term: string, vocabulary: Vocabulary): string | undefined {
  const typed = normalise(term);
  if (typed.length < 3) return undefined;
  const allowed = typed.length >= 8 ? 2 : 1;
  let best: { word: string; distance: number } | undefined;
  for (const word of vocabulary.words) {
    const candidate = normalise(word);
    if (candidate === typed) return undefined;
    if (Math.abs(candidate.length - typed.length) > allowed) continue;
    const distance = editDistance(typed, candidate, allowed);
    // Words come most frequent first, so the first at the smallest distance wins.
    if (distance <= allowed && (!best || distance < best.distance)) best = { word, distance };
  }
  return best?.word;
}

/** Optimal string alignment distance (Levenshtein plus swaps of neighbours), stopping above `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return rowMin;
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}
