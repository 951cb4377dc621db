import { describe, expect, test } from 'vitest';
import { isFallbackMatch, matchedWords } from '../../src/search/genuine.ts';
import { buildVocabulary, editDistance, suggest } from '../../src/search/suggest.ts';
import { normalise, queryTerms, wordsOf } from '../../src/search/words.ts';

describe('the rule search.fallback_match: which of Pagefind’s matches answer a different word', () => {
  test.each([
    ['xyzzy', ['X'], true],
    ['violensia', ['vio'], true],
    ['dexter', ['de', 'de,'], true],
    ['violencia', ['violencia10', 'violencia.'], false],
    ['ahorrando', ['ahorrar.', 'ahorro'], false],
    ['cuidadosamente', ['cuidado'], false],
    ['viol', ['violencia'], false],
    ['100', ['100),'], false],
    ['niños', ['niñas', 'Niños.'], false],
  ] as const)('"%s" matched on %j: fallback %s', (term, matched, fallback) => {
    expect(isFallbackMatch(term, matched)).toBe(fallback);
  });

  test('no matched word at all is no answer', () => {
    expect(isFallbackMatch('algo', [])).toBe(true);
  });

  test('matched words are read from the content at Pagefind’s word locations', () => {
    expect(matchedWords('Una mano con una X y escribe «Nunca»', [4, 4, 0])).toEqual(['X', 'Una']);
  });
});

describe('words as the search compares them', () => {
  test('without case, accents or surrounding punctuation', () => {
    expect(normalise('«Ahorramos».')).toBe('ahorramos');
    expect(normalise('¿Niñas?')).toBe('ninas');
  });
  test('a query keeps words of 2 letters or more', () => {
    expect(queryTerms('x Línea 100 y')).toEqual(['Línea', '100']);
    expect(queryTerms(' ¿? ')).toEqual([]);
  });
});

describe('¿Quisiste decir…?', () => {
  const vocabulary = buildVocabulary(
    [
      'La violencia no es normal. La violencia se aprende.',
      'Ahorro y más ahorro. Violencia, violencia.',
      'Una vez: Huamanga.',
    ],
    wordsOf,
  );

  test('the vocabulary holds words met at least twice, most frequent first, as most often written', () => {
    expect(vocabulary.words).toEqual(['violencia', 'ahorro']);
  });

  test('suggests the word one typo away, or two for long words', () => {
    expect(suggest('violensia', vocabulary)).toBe('violencia');
    expect(suggest('vilencai', vocabulary)).toBe('violencia');
    expect(suggest('ahoro', vocabulary)).toBe('ahorro');
    expect(suggest('AHORRO', vocabulary)).toBeUndefined();
    expect(suggest('xyzzy', vocabulary)).toBeUndefined();
    expect(suggest('zz', vocabulary)).toBeUndefined();
  });

  test('edit distance counts a swap of neighbours as one edit', () => {
    expect(editDistance('ahorro', 'ahroro')).toBe(1);
    expect(editDistance('casa', 'cosas')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
  });
});
