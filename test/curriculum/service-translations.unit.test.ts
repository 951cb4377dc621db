// A directory service's text for a translated side (`translations.<lang>` in content/referrals/):
// the real directory translates every service into English, a page in English gets that text,
// a language without a translation keeps the directory's own, and a broken translation is refused.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { referralDirectorySchema, serviceIn } from '../../src/curriculum/schemas/index.ts';
import { projectRoot } from '../support/content-root.ts';

const directory = referralDirectorySchema.parse(
  parse(readFileSync(join(projectRoot, 'content/referrals/pe.yaml'), 'utf8')),
);

describe('the directory’s services in another language', () => {
  test('every one of the 8 services of content/referrals/pe.yaml has an English text', () => {
    expect(directory.services.length).toBe(8);
    expect(directory.services.filter((s) => !s.translations?.en).map((s) => s.key)).toEqual([]);
  });

  test('an English page gets the English text; the key, and the name where none is translated, stay', () => {
    const linea = directory.services.find((s) => s.key === 'linea-100')!;
    const english = serviceIn(linea, 'en');
    expect(english.key).toBe('linea-100');
    expect(english.name).toBe('Línea 100');
    expect(english.cost).toBe('Free');
    expect(english.what).toMatch(/^The State's phone line/);
    expect(
      serviceIn(
        directory.services.find((s) => s.key === 'cem')!,
        'en',
      ).name,
    ).toBe("Women's Emergency Centre (Centro Emergencia Mujer, CEM)");
  });

  test('the default language, and a language with no translation, keep the directory’s own text', () => {
    const linea = directory.services[0]!;
    expect(serviceIn(linea, undefined)).toBe(linea);
    expect(serviceIn(linea, 'qu')).toBe(linea);
    expect(serviceIn(linea, undefined).cost).toBe('Gratuito');
  });

  test('a translation without `what`, or under a tag that is not a language, is refused naming the field', () => {
    const broken = structuredClone(parse(readFileSync(join(projectRoot, 'content/referrals/pe.yaml'), 'utf8')));
    delete broken.services[0].translations.en.what;
    const missing = referralDirectorySchema.safeParse(broken);
    expect(missing.success).toBe(false);
    expect(missing.error?.issues.map((i) => i.path.join('.'))).toEqual(['services.0.translations.en.what']);

    const badTag = structuredClone(parse(readFileSync(join(projectRoot, 'content/referrals/pe.yaml'), 'utf8')));
    badTag.services[0].translations = { English: badTag.services[0].translations.en };
    const refused = referralDirectorySchema.safeParse(badTag);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.path.join('.')).toBe('services.0.translations.English');
  });
});
