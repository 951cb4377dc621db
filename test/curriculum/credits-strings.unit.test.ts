// /creditos/ and /en/creditos/ take every word of the "adapted sessions" section from content/i18n:
// the line reads right in both languages through i18next (Starlight's translation engine), and the
// page's template holds no Spanish of its own.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { describe, expect, test } from 'vitest';
import { projectRoot } from '../support/content-root.ts';
import { uiStrings } from '../support/print-translations.ts';

const adaptation = {
  title: 'Sesión 2: Ser mujer',
  version: '1.2',
  organisation: 'FINCA Perú',
  licence: 'CC-BY-SA-4.0',
};

async function lineIn(lang: 'es' | 'en') {
  const i18n = i18next.createInstance();
  await i18n.init({ lng: lang, resources: { [lang]: { translation: uiStrings(lang) } }, keySeparator: false });
  return {
    title: i18n.t('tejido.credits.upstreamTitle'),
    line: i18n.t('tejido.credits.upstream', { ...adaptation, interpolation: { escapeValue: false } }),
  };
}

describe('the credits of adapted sessions', () => {
  test('in Spanish, the line the reuse test reads on /creditos/', async () => {
    expect(await lineIn('es')).toEqual({
      title: 'Sesiones adaptadas de otro currículo',
      line: 'adaptado de «Sesión 2: Ser mujer» (versión 1.2), de FINCA Perú, CC-BY-SA-4.0.',
    });
  });

  test('in English, for /en/creditos/', async () => {
    expect(await lineIn('en')).toEqual({
      title: 'Sessions adapted from another curriculum',
      line: 'adapted from “Sesión 2: Ser mujer” (version 1.2), by FINCA Perú, CC-BY-SA-4.0.',
    });
  });

  test('the page’s template writes none of those words itself', () => {
    const code = readFileSync(join(projectRoot, 'src/pages/creditos.astro'), 'utf8').replace(/^\s*\/\/.*$/gm, '');
    for (const word of ['Sesiones adaptadas', 'adaptado de', 'versión', '«', 'de{'])
      expect(code, word).not.toContain(word);
  });
});
