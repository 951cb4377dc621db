import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { uiStringKeysSchema } from '../../src/curriculum/schemas/ui-strings.ts';

/** The coordinator view's words (`tejido.coordinator.*`) in content/i18n/, and the code that names them. */
const PREFIX = 'tejido.coordinator.';
const root = join(import.meta.dirname, '../..');
const table = (lang: string) =>
  JSON.parse(readFileSync(join(root, 'content/i18n', `${lang}.json`), 'utf8')) as Record<string, string>;
const keys = Object.keys(uiStringKeysSchema.shape).filter((key) => key.startsWith(PREFIX));
const coordinatorDir = join(root, 'src/field-app/coordinator');
const code = readdirSync(coordinatorDir)
  .map((name) => readFileSync(join(coordinatorDir, name), 'utf8'))
  .join('\n');
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('the coordinator view’s words: declared once, given in Spanish and English, all used', () => {
  test('the schema declares 25 coordinator keys; es.json and en.json give each one, none empty, none the same', () => {
    expect(keys).toHaveLength(25);
    const [es, en] = [table('es'), table('en')];
    for (const [lang, words] of [
      ['es', es],
      ['en', en],
    ] as const) {
      const own = Object.keys(words).filter((key) => key.startsWith(PREFIX));
      expect(own.sort(), lang).toEqual([...keys].sort());
      expect(
        own.filter((key) => !words[key]!.trim()),
        lang,
      ).toEqual([]);
    }
    expect(keys.filter((key) => es[key] === en[key])).toEqual([]);
    expect(keys.filter((key) => placeholders(es[key]!).join() !== placeholders(en[key]!).join())).toEqual([]);
  });

  test('every refusal code session.ts can return has its sentence, and there is no sentence for a code it never returns', () => {
    const session = readFileSync(join(coordinatorDir, 'session.ts'), 'utf8');
    const returned = new Set([...session.matchAll(/return \{ code: '(\w+)' \}/g)].map((m) => m[1]!));
    expect([...returned].sort()).toEqual([
      'foreign_origin',
      'rate_limited',
      'server_busy',
      'unreadable',
      'wrong_credentials',
    ]);
    const refusals = keys
      .filter((key) => key.startsWith(`${PREFIX}refusal.`))
      .map((key) => key.slice(`${PREFIX}refusal.`.length));
    expect(refusals.sort()).toEqual([...returned].sort());
    // Codes only: the module that refuses carries no sentence in any language.
    expect(session).not.toMatch(/message:/);
  });

  test('every key is named by the screen’s code, so none is left over', () => {
    expect(keys.filter((key) => !code.includes(`'${key}'`))).toEqual([]);
  });

  test('the Spanish sentences are short: 20 words at most', () => {
    const es = table('es');
    const long = keys.flatMap((key) =>
      es[key]!.split(/(?<=[.!?])\s+/)
        .filter((sentence) => sentence.split(/\s+/).length > 20)
        .map((sentence) => `${key}: ${sentence}`),
    );
    expect(long).toEqual([]);
  });
});
