import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { uiStringKeysSchema } from '../../src/curriculum/schemas/ui-strings.ts';
import { KEY_PREFIX, plural, wordsFrom } from '../../src/field-app/attendance/words.ts';
import { en, es, fieldTable } from './words.ts';

const fieldKeys = Object.keys(uiStringKeysSchema.shape)
  .filter((key) => key.startsWith(KEY_PREFIX))
  .map((key) => key.slice(KEY_PREFIX.length));
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
const appDir = join(import.meta.dirname, '../../src/field-app');
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : /\.(ts|astro)$/.test(d.name) ? [join(dir, d.name)] : [],
  );

describe('the field app’s words: every key in Spanish and in English', () => {
  test('the schema declares 92 field-app keys, and es.json and en.json give each of them, none empty', () => {
    expect(fieldKeys).toHaveLength(92);
    for (const lang of ['es', 'en']) {
      const table = fieldTable(lang);
      expect(Object.keys(table).sort(), lang).toEqual([...fieldKeys].sort());
      expect(
        Object.entries(table).filter(([, text]) => !text.trim()),
        lang,
      ).toEqual([]);
    }
  });

  test('English says something else than Spanish, with the same placeholders', () => {
    const [spanish, english] = [fieldTable('es'), fieldTable('en')];
    const same = fieldKeys.filter((key) => spanish[key] === english[key]);
    expect(same).toEqual([]);
    const differ = fieldKeys.filter((key) => placeholders(spanish[key]!).join() !== placeholders(english[key]!).join());
    expect(differ).toEqual([]);
  });

  test('every key is used by the screen, and every key the screen names is declared', () => {
    const named = new Set<string>();
    for (const file of sources(appDir)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/tejido\.field\.(\w+(?:\.\w+)+)/g)) named.add(m[1]!);
      // Script keys are quoted where they are chosen: t('sync.offline'), { offline: 'sync.offline' }, ….
      for (const m of text.matchAll(/'((?:signIn|roster|save|confirm|steps|status|sync|queue)\.\w+)'/g))
        named.add(m[1]!);
      for (const m of text.matchAll(/plural\(\w+, '([\w.]+)'/g)) named.add(`${m[1]}One`).add(`${m[1]}Other`);
      // A queued entry's status picks its word by name: t(`status.${e.status}`).
      if (text.includes('t(`status.${e.status}`)'))
        for (const status of ['pending', 'sent', 'conflict', 'refused']) named.add(`status.${status}`);
    }
    expect([...named].filter((key) => !fieldKeys.includes(key) && !fieldKeys.includes(`${key}One`))).toEqual([]);
    expect(fieldKeys.filter((key) => !named.has(key))).toEqual([]);
  });

  test('no Spanish sentence is left in the field app’s code, but the few known ones listed here', () => {
    // Words a Spanish interface sentence has and code does not: accents, ñ, ¿ ¡ «.
    const found: string[] = [];
    for (const file of sources(appDir)) {
      const code = readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(\/\/|\*|\/\*\*|<!--)/.test(line));
      for (const line of code)
        if (/['`"][^'`"]*[áéíóúñ¿¡«][^'`"]*['`"]/.test(line))
          found.push(`${file.slice(appDir.length + 1)}: ${line.trim()}`);
    }
    expect(found).toEqual([
      // Not interface: the name the server keeps for the phone's token.
      "attendance/api.ts: const token = await call('createToken', { body: { label: 'Asistencia en el teléfono' } });",
    ]);
  });

  test('a text is filled from its placeholders, one and many apart, and a missing key shows as itself', () => {
    expect(es('roster.count', { present: 38, total: 40 })).toBe('38 de 40 presentes');
    expect(en('roster.count', { present: 38, total: 40 })).toBe('38 of 40 present');
    expect(plural(en, 'signIn.pendingOnSignOut', 1)).toMatch(/^1 roll call is not sent yet\./);
    expect(plural(en, 'signIn.pendingOnSignOut', 3)).toMatch(/^3 roll calls are not sent yet\./);
    expect(plural(es, 'sync.notMembers', 2, { codes: 'A-1, A-2' })).toContain('las socias A-1, A-2 no están');
    expect(wordsFrom({})('sync.offline')).toBe('sync.offline');
    // A placeholder without a value stays visible rather than vanishing.
    expect(es('signIn.signedInAs')).toBe('Sesión de {{name}}');
  });
});
