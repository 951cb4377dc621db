import { describe, expect, test } from 'vitest';
import { checkContent } from '../../src/curriculum/check.ts';
import { formatContentError } from '../../src/curriculum/content-error.ts';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { contentRootWithSession, fixtures } from '../support/content-root.ts';

const SESSION_FILE = 'content/docs/prog/manual/sesion-a.mdx';

function errorsFor(fixture?: string): string[] {
  return checkContent(contentRootWithSession(fixture)).errors.map(formatContentError);
}

describe('content checks', () => {
  test('the minimal fixture is valid, so every case below fails for its own reason only', () => {
    expect(errorsFor()).toEqual([]);
  });

  test('an agenda whose minutes do not add up names the file, the line and the field', () => {
    expect(errorsFor('agenda-sum-wrong.mdx')).toMatchInlineSnapshot(`
      [
        "content/docs/prog/manual/sesion-a.mdx:8 › session.agenda: the steps add up to 30 minutes but durationMinutes is 25 — fix one of them [agenda-minutes]",
      ]
    `);
  });

  test('missing objectives are reported as missing', () => {
    expect(errorsFor('missing-objectives.mdx')).toMatchInlineSnapshot(`
      [
        "content/docs/prog/manual/sesion-a.mdx:4 › session.objectives: is missing — add it (expected array) [schema]",
      ]
    `);
  });

  test('a topic outside the closed list names the value and the allowed ones', () => {
    expect(errorsFor('unknown-topic.mdx')).toMatchInlineSnapshot(`
      [
        "content/docs/prog/manual/sesion-a.mdx:13 › session.topics[1]: "vih" is not allowed — use one of: genero, roles, comunicacion, violencia, ninez, crianza, poder, autoestima, derechos, servicios, liderazgo, movilizacion, facilitacion, autocuidado, ahorro, finanzas [schema]",
      ]
    `);
  });

  test('a session that touches violence without safety guidance is refused', () => {
    expect(errorsFor('violence-without-referral.mdx')).toMatchInlineSnapshot(`
      [
        "content/docs/prog/manual/sesion-a.mdx:4 › session.safety: the session touches violence, so it needs safety guidance — add safety.disclosure (what to do if a woman discloses violence) and safety.referral (keys from content/referrals, e.g. linea-100) [session-safety-box]",
      ]
    `);
  });

  test('a referral key that is not in the directory names the directory file', () => {
    expect(errorsFor('unknown-referral.mdx')).toMatchInlineSnapshot(`
      [
        "content/docs/prog/manual/sesion-a.mdx:17 › session.safety.referral[0]: "linea-101" is not in the referral directory (content/referrals/pe.yaml) — use one of: linea-100 [referral-key-exists]",
      ]
    `);
  });

  test('an impossible date is refused with the expected format', () => {
    expect(errorsFor('bad-date.mdx')).toMatchInlineSnapshot(`
      [
        "content/docs/prog/manual/sesion-a.mdx:19 › session.lastReviewed: must be a real date written as YYYY-MM-DD, like 2026-03-15 [schema]",
      ]
    `);
  });

  test('every error of a file is reported in one run, not only the first', () => {
    const errors = errorsFor('many-errors.mdx');
    expect(errors.every((e) => e.startsWith(SESSION_FILE))).toBe(true);
    expect(errors.map((e) => e.split(' › ')[1]?.split(':')[0])).toEqual(
      expect.arrayContaining(['session.agenda[1].method', 'session.objectives', 'session.lastReviewed']),
    );
    expect(errors).toHaveLength(3);
  });
});

describe('an organisation’s content with eight different mistakes', () => {
  test('yields all eight errors in one run, each naming file and field', () => {
    const errors = checkContent(join(fixtures, 'broken-org')).errors.map(formatContentError);
    expect(errors).toMatchInlineSnapshot(`
      [
        "content/organisation.yaml:6 › colours.primary: must be a colour written as #RRGGBB, like #8a3b12 [schema]",
        "content/organisation.yaml › logo: the file content/assets/no-existe.svg does not exist — add it or fix the path [logo-exists]",
        "content/docs/prog/manual/sesion-b.mdx:8 › session.agenda: the steps add up to 30 minutes but durationMinutes is 35 — fix one of them [agenda-minutes]",
        "content/docs/en/prog/manual/no-existe.mdx: translates content/docs/prog/manual/no-existe (/prog/manual/no-existe/), which does not exist — fix the file's path or remove the translation [translation-matches-source]",
        "content/docs/en/prog/manual/sesion-a.mdx:4 › session.translatedFrom: is missing — write the version of the source this was translated from, e.g. translatedFrom: "1.0" [translation-matches-source]",
        "content/docs/prog/manual/index.mdx:7 › manual.sessions[2]: session "sesion-a" is listed twice (also at position 1) — each session has one place in the order; remove one [session-listed-once]",
        "content/docs/prog/manual/sesion-a.mdx:17 › session.safety.referral[0]: "linea-999" is not in the referral directory (content/referrals/pe.yaml) — use one of: linea-100 [referral-key-exists]",
        "content/organisation.yaml › programmes[0]: there is no programme "programa-inexistente" — use one of: prog [organisation-programme-exists]",
      ]
    `);
  });
});

test('a session that lists a handout nobody wrote is refused, naming the field', () => {
  const root = contentRootWithSession();
  const file = join(root, 'content/docs/prog/manual/sesion-a.mdx');
  writeFileSync(
    file,
    readFileSync(file, 'utf8').replace('  version: "1.0"', '  handouts: [hoja-inexistente]\n  version: "1.0"'),
  );
  expect(checkContent(root).errors.map(formatContentError)).toEqual([
    'content/docs/prog/manual/sesion-a.mdx:18 › session.handouts[0]: no handout has the id "hoja-inexistente" — fix the id or add a page with a handout block (id: hoja-inexistente) [handout-exists]',
  ]);
});

describe('printable aids', () => {
  test('a picture outside the closed set names the file, the field and the pictures there are', () => {
    expect(errorsFor('aid-unknown-picture.mdx')).toMatchInlineSnapshot(`
      [
        "content/docs/prog/manual/sesion-a.mdx:22 › session.aids[0].items[1].picture: "platito" is not allowed — use one of: mujer, hombre, pareja, bebe, nino, joven, casa, chacra, vaca, monedas, monedero, olla, hablar, escuchar, gritar, callar, telefono-100, corazon, mano, mano-alto, reloj, cama, candado, salud, policia, balanza, si, no [schema]",
      ]
    `);
  });

  test('an aid with no items is refused, naming the field', () => {
    expect(errorsFor('aid-empty-items.mdx')).toMatchInlineSnapshot(`
      [
        "content/docs/prog/manual/sesion-a.mdx:19 › session.aids[0].items: needs at least one item — add the cards or signs to print, or remove the aid [schema]",
      ]
    `);
  });

  test('an unquoted comma in the short YAML form would cut the text: it fails instead of printing half a card', () => {
    expect(errorsFor('aid-unquoted-comma.mdx')).toMatchInlineSnapshot(`
      [
        "content/docs/prog/manual/sesion-a.mdx:20 › session.aids[0].items[0]: unknown field "no duerme" — if that is part of the text before it, put the whole text in quotes ("…") [schema]",
      ]
    `);
  });

  test('every mistake in the aids of a session is reported in one run', () => {
    expect(errorsFor('aid-many-mistakes.mdx')).toMatchInlineSnapshot(`
      [
        "content/docs/prog/manual/sesion-a.mdx:26 › session.aids[1].items[0].text: "VERDADERAMENTE" is too long for a sign: at most 8 letters a word — use a shorter word or make the aid kind: cards [aid-fits-kind]",
        "content/docs/prog/manual/sesion-a.mdx:27 › session.aids[1].items[1].text: a sign holds at most 16 letters so it can be read from the back of the room — shorten it or make the aid kind: cards [aid-fits-kind]",
        "content/docs/prog/manual/sesion-a.mdx:32 › session.aids[2].items[0].picture: is missing — a pictogram is a drawing first: add one of mujer, hombre, pareja, bebe, nino, joven, casa, chacra, vaca, monedas, monedero, olla, hablar, escuchar, gritar, callar, telefono-100, corazon, mano, mano-alto, reloj, cama, candado, salud, policia, balanza, si, no, or make the aid kind: cards [aid-fits-kind]",
        "content/docs/prog/manual/sesion-a.mdx:19 › session.aids[0].forMaterial: "Tarjetas de ejemplo" is not the item of any material of this session — copy the item exactly from materials ("Tarjetas de ejemplos") or remove forMaterial [aid-for-material]",
        "content/docs/prog/manual/sesion-a.mdx:22 › session.aids[1].id: "tarjetas" is already the id of another aid of this session — choose another [aid-id-unique]",
      ]
    `);
  });

  test('a translation that changes an aid’s pictures or drops an aid is refused; translating words is not', () => {
    const root = contentRootWithSession('aid-unknown-picture.mdx');
    const source = join(root, 'content/docs/prog/manual/sesion-a.mdx');
    writeFileSync(source, readFileSync(source, 'utf8').replace('picture: platito', 'picture: monedas'));
    expect(errorsFor2(root)).toEqual([]);
    const copy = (text: string) => {
      const file = join(root, 'content/docs/en/prog/manual/sesion-a.mdx');
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text.replace('  version: "1.0"', '  translatedFrom: "1.0"\n  version: "1.0"'));
    };
    const sourceText = readFileSync(source, 'utf8');
    const english = sourceText
      .replace('Le jala el cabello', 'He pulls her hair')
      .replace('Le tira un plato', 'He throws a plate at her');
    const organisation = join(root, 'content/organisation.yaml');
    writeFileSync(organisation, readFileSync(organisation, 'utf8') + languages);
    copy(english);
    expect(errorsFor2(root)).toEqual([]);
    copy(english.replace('picture: monedas', 'picture: casa'));
    expect(errorsFor2(root)).toMatchInlineSnapshot(`
      [
        "content/docs/en/prog/manual/sesion-a.mdx:16 › session.aids[0]: must keep the source's id, kind, number of items and pictures ({"id":"tarjetas","kind":"cards","pictures":["mano","monedas"]}) — translate the words only [translation-matches-source]",
      ]
    `);
    copy(english.replace(/  aids:[\s\S]*?(?=  topics:)/, ''));
    expect(errorsFor2(root)).toMatchInlineSnapshot(`
      [
        "content/docs/en/prog/manual/sesion-a.mdx:4 › session.aids: has 0 aids but the source has 1 — translate each aid, keep their number and order [translation-matches-source]",
      ]
    `);
  });
});

const languages = `languages:
  - { code: es, label: Español }
  - { code: en, label: English }
`;
const errorsFor2 = (root: string) => checkContent(root).errors.map(formatContentError);
