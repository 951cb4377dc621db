import { load } from 'cheerio';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { contentRules } from '../../src/curriculum/rules/index.ts';
import { builtPage, clientDir } from '../support/built-site.ts';

// The Adaptar page lists the rules from the registry, not from text typed into the page: every
// rule appears once, in registry order, with its one line in the page's language.

const listed = (html: string) => {
  const $ = load(html);
  return $('dl.content-rules dt')
    .toArray()
    .map((dt) => ({ id: $(dt).find('code').text(), summary: $(dt).next('dd').text() }));
};

describe('the Adaptar page', () => {
  test('lists every content rule of the registry with its Spanish line, in order', () => {
    expect(listed(builtPage('adaptar'))).toEqual(contentRules.map((r) => ({ id: r.id, summary: r.summary.es })));
  });

  test('shows the rule id the example error ends with, and that id is in the list', () => {
    const $ = load(builtPage('adaptar'));
    const example = $('pre')
      .toArray()
      .map((pre) => $(pre).text())
      .find((text) => text.includes('The curriculum content has 1 error:'));
    const id = / \[([a-z/-]+)\]\s*$/.exec(example ?? '')?.[1];
    expect(id).toBe('agenda-minutes');
    expect(listed(builtPage('adaptar')).map((r) => r.id)).toContain(id);
  });

  test('in English (the Spanish page as fallback) lists the same rules with their English lines', () => {
    const file = join(clientDir, 'en', 'adaptar', 'index.html');
    expect(existsSync(file)).toBe(true);
    expect(listed(builtPage('en/adaptar'))).toEqual(contentRules.map((r) => ({ id: r.id, summary: r.summary.en })));
  });
});
