import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkContent } from '../../src/curriculum/check.ts';
import { formatContentError } from '../../src/curriculum/content-error.ts';
import { sessionSchema } from '../../src/curriculum/schemas/session.ts';
import { labelsIn, valuesOf, vocabularyLabel, type Vocabulary } from '../../src/curriculum/schemas/vocabulary.ts';
import { contentRootWithSession, projectRoot } from '../support/content-root.ts';

const SESSION = 'content/docs/prog/manual/sesion-a.mdx';
const MANUAL = 'content/docs/prog/manual/index.mdx';
const VOCABULARY = 'content/vocabulary.yaml';

/** A copy of the minimal content with some files edited: `{ file: (text) => newText }`. */
function rootWith(edits: Record<string, (text: string) => string>): string {
  const root = contentRootWithSession();
  for (const [file, edit] of Object.entries(edits))
    writeFileSync(join(root, file), edit(readFileSync(join(root, file), 'utf8')));
  return root;
}
// Where and what, without the rule's name: these tests pin the messages, the rule registry pins the names.
const errorsOf = (root: string) =>
  checkContent(root).errors.map(({ file, line, field, message }) => formatContentError({ file, line, field, message }));
const addTopic = (text: string) =>
  text.replace('topics:\n', 'topics:\n  agua-segura: { es: Agua segura, en: Safe water }\n');
const useTopic = (text: string) => text.replace('topics: [violencia]', 'topics: [violencia, agua-segura]');

describe('the closed lists live in content/vocabulary.yaml', () => {
  test('an organisation adds a topic in its content only, and a session may use it', () => {
    const root = rootWith({ [VOCABULARY]: addTopic, [SESSION]: useTopic });
    const result = checkContent(root);
    expect(result.errors).toEqual([]);
    expect(result.curriculum!.sessions[0]!.topics).toEqual(['violencia', 'agua-segura']);
    expect(result.vocabulary!.topics['agua-segura']).toEqual({ es: 'Agua segura', en: 'Safe water' });
  });

  test('the same session without the topic in the vocabulary is refused with file, line, field and the allowed values', () => {
    const errors = errorsOf(rootWith({ [SESSION]: useTopic }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBe(
      `${SESSION}:13 › session.topics[1]: "agua-segura" is not allowed — use one of: ` +
        valuesOf(checkContent(projectRoot).vocabulary!, 'topics').join(', '),
    );
  });

  test('an unknown method in the agenda and an unknown audience of a manual are refused the same way', () => {
    const errors = errorsOf(
      rootWith({
        [SESSION]: (t) => t.replace('method: dialogo', 'method: charla'),
        [MANUAL]: (t) => t.replace('audience: [socias]', 'audience: [socias, vecinos]'),
      }),
    );
    expect(errors).toEqual([
      `${MANUAL}:6 › manual.audience[1]: "vecinos" is not allowed — use one of: socias, lideresas, formadoras, promotores, comunidad`,
      `${SESSION}:10 › session.agenda[1].method: "charla" is not allowed — use one of: bienvenida, dinamica, dialogo, ` +
        'trabajo_grupal, sociodrama, historia, exposicion, juego, practica, reflexion, compromiso, cierre, pausa',
    ]);
  });

  test('removing a value that a session still uses breaks that session, not the build silently', () => {
    const errors = errorsOf(rootWith({ [VOCABULARY]: (t) => t.replace(/^ {2}violencia: .*\n/m, '') }));
    expect(errors).toEqual([
      expect.stringMatching(
        /^content\/docs\/prog\/manual\/sesion-a\.mdx:13 › session\.topics\[0\]: "violencia" is not allowed/,
      ),
    ]);
  });

  test('a missing vocabulary file is one error that says what to write; the pages are still checked', () => {
    const root = rootWith({ [SESSION]: (t) => t.replace('durationMinutes: 30', 'durationMinutes: 25') });
    rmSync(join(root, VOCABULARY));
    expect(errorsOf(root)).toEqual([
      `${VOCABULARY}: is missing — create it with the lists audiences, methods and topics (copy the one in Tejido and adapt it)`,
      `${SESSION}:8 › session.agenda: the steps add up to 30 minutes but durationMinutes is 25 — fix one of them`,
    ]);
  });

  test('a broken vocabulary names its own line and field: a misspelt list, a bad id, a value with no default-language label', () => {
    const root = rootWith({
      [VOCABULARY]: (t) =>
        t
          .replace('topics:\n', 'topics:\n  Agua Segura: { es: Agua }\n  riego: { en: Irrigation }\n')
          .replace('methods:', 'metodos:'),
    });
    expect(errorsOf(root)).toEqual([
      `${VOCABULARY} › methods: is missing — add it (expected record)`,
      `${VOCABULARY}:30 › topics.Agua Segura: must be lower-case letters and digits, words joined by - or _, ` +
        'like "trabajo_grupal" — rename the id',
      `${VOCABULARY}: unknown field "metodos" — check the spelling or remove it`,
    ]);
  });

  test('every value needs a label in the default language', () => {
    const root = rootWith({ [VOCABULARY]: (t) => t.replace('topics:\n', 'topics:\n  riego: { en: Irrigation }\n') });
    expect(errorsOf(root)).toEqual([
      `${VOCABULARY} › topics.riego: has no label in the default language (es) — add es: … to it`,
    ]);
  });
});

describe('labels and the schema factory', () => {
  const vocabulary: Vocabulary = checkContent(projectRoot).vocabulary!;

  test('a label is the page language’s, else the default language’s, else the id', () => {
    expect(vocabularyLabel(vocabulary, 'topics', 'ahorro', 'en', 'es')).toBe('Savings');
    expect(vocabularyLabel(vocabulary, 'topics', 'ahorro', 'qu', 'es')).toBe('Ahorro');
    expect(vocabularyLabel(vocabulary, 'topics', 'no-existe', 'es', 'es')).toBe('no-existe');
    expect(labelsIn(vocabulary, 'audiences', 'es')).toEqual({
      socias: 'Socias del banco comunal',
      lideresas: 'Lideresas',
      formadoras: 'Formadoras',
      promotores: 'Promotores y promotoras',
      comunidad: 'Comunidad',
    });
  });

  test('sessionSchema({ vocabulary }) allows exactly that vocabulary; the open schema (no vocabulary) only shapes ids', () => {
    const topics = (t: string) => sessionSchema({ vocabulary }).shape.topics.safeParse([t]).success;
    expect(topics('ahorro')).toBe(true);
    expect(topics('agua-segura')).toBe(false);
    const own = { ...vocabulary, topics: { ...vocabulary.topics, 'agua-segura': { es: 'Agua segura' } } };
    expect(sessionSchema({ vocabulary: own }).shape.topics.safeParse(['agua-segura']).success).toBe(true);
    expect(sessionSchema().shape.topics.safeParse(['agua-segura']).success).toBe(true);
    expect(sessionSchema().shape.topics.safeParse(['Agua Segura']).success).toBe(false);
  });
});
