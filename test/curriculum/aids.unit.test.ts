import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { aidItemsCount, aidsCount } from '../../src/curriculum/aids.ts';
import { sessionsOfManual } from '../../src/curriculum/resolve.ts';
import { pictograms } from '../../src/curriculum/schemas/pictograms.ts';
import { sessionSchema } from '../../src/curriculum/schemas/session.ts';
import { sourceCurriculum } from '../support/built-site.ts';
import { projectRoot } from '../support/content-root.ts';

const folder = join(projectRoot, 'src/print/aids/pictograms');
const curriculum = sourceCurriculum();

describe('the pictograms', () => {
  test('each name in pictograms.ts has its SVG file and each file its name: 28 drawings', () => {
    const files = readdirSync(folder)
      .map((f) => f.replace(/\.svg$/, ''))
      .sort();
    expect(files).toEqual(Object.keys(pictograms).sort());
    expect(files).toHaveLength(28);
  });

  test.each(Object.keys(pictograms))(
    '%s is line art: black strokes, nothing filled, no text, no outside reference',
    (name) => {
      const svg = readFileSync(join(folder, `${name}.svg`), 'utf8');
      expect(svg).toMatch(
        /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 100 100" fill="none" stroke="#000"/,
      );
      // Low ink: the only fill is the root's "none"; no element brings its own fill, text, image or link.
      expect(svg.match(/fill=/g)).toHaveLength(1);
      expect(svg).not.toMatch(/<(text|image|use|style|script|foreignObject)\b|href=|url\(/);
    },
  );
});

describe('aidsCount, for the content lint', () => {
  test('counts the aids a session declares (a set of cards is one aid) and 0 without any', () => {
    const inOrder = sessionsOfManual(curriculum, 'genero-y-violencia');
    expect(inOrder.map((s) => [s.id, aidsCount(s), aidItemsCount(s)])).toEqual([
      ['gv-espacio-de-confianza', 1, 6],
      ['gv-roles-de-genero', 1, 8],
      ['gv-quien-decide', 2, 11],
      ['gv-comunicacion', 3, 14],
      ['gv-violencia-no-es-normal', 4, 24],
      ['gv-crianza-con-carino', 2, 10],
      ['gv-rompemos-el-silencio', 2, 8],
    ]);
    expect(aidsCount({})).toBe(0);
    expect(aidsCount(curriculum.sessions.find((s) => s.manual !== 'genero-y-violencia')!)).toBe(0);
  });

  test('a session without an aids block parses with no aids', () => {
    const parsed = sessionSchema().parse({
      id: 'x',
      audience: ['socias'],
      durationMinutes: 10,
      agenda: [{ title: 'A', minutes: 10, method: 'dialogo' }],
      objectives: ['a', 'b'],
      keyMessages: ['m'],
      topics: ['genero'],
      touchesViolence: false,
      version: '1.0',
      lastReviewed: '2026-01-01',
      licence: 'CC-BY-SA-4.0',
    });
    expect(parsed.aids).toEqual([]);
  });
});
