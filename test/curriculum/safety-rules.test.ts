import { writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkContent } from '../../src/curriculum/check.ts';
import { formatContentError } from '../../src/curriculum/content-error.ts';
import { confidentialityIn, confidentialitySchema, wordsIn } from '../../src/curriculum/schemas/index.ts';
import { contentRootWith, projectRoot } from '../support/content-root.ts';

// Issue 14: the limits of confidentiality and the safety plan come from configuration, and a
// programme that touches violence puts a safety box on every one of its sessions.
const errorsWith = (replacements: Record<string, string>) =>
  checkContent(contentRootWith(replacements)).errors.map(formatContentError);

const violenceProgramme = { 'content/docs/prog/index.mdx': 'programme-touches-violence.mdx' };
const sessionWithoutSafety = { 'content/docs/prog/manual/sesion-a.mdx': 'session-without-safety.mdx' };

describe('a programme that touches violence', () => {
  test('refuses a session of it that has no safety block, naming the file, session.safety and the programme', () => {
    expect(errorsWith({ ...violenceProgramme, ...sessionWithoutSafety })).toMatchInlineSnapshot(`
      [
        "content/docs/prog/manual/sesion-a.mdx:4 › session.safety: programme "prog" touches violence (programme.touchesViolence in content/docs/prog/index.mdx), so every one of its sessions needs a safety box — add safety.disclosure (what to do if a woman discloses violence) and safety.referral (keys from content/referrals, e.g. linea-100) [programme-safety-box]",
      ]
    `);
  });

  test('accepts the same session in a programme that does not touch violence, and a boxed session in one that does', () => {
    expect(errorsWith(sessionWithoutSafety)).toEqual([]);
    expect(errorsWith(violenceProgramme)).toEqual([]);
  });

  test('a translation may not drop the programme’s touchesViolence', () => {
    const root = contentRootWith(violenceProgramme);
    writeFileSync(
      join(root, 'content/organisation.yaml'),
      readFileSync(join(root, 'content/organisation.yaml'), 'utf8') +
        'languages:\n  - { code: es, label: Español }\n  - { code: en, label: English }\n',
    );
    mkdirSync(join(root, 'content/docs/en/prog'), { recursive: true });
    const source = readFileSync(join(root, 'content/docs/prog/index.mdx'), 'utf8');
    writeFileSync(
      join(root, 'content/docs/en/prog/index.mdx'),
      source.replace('  touchesViolence: true\n', '  translatedFrom: "1.0"\n'),
    );
    expect(checkContent(root).errors.map(formatContentError)).toEqual([
      'content/docs/en/prog/index.mdx:4 › programme.touchesViolence: must be the same as in the source (true) — translate text only [translation-matches-source]',
    ]);
  });

  test('IMAGE Perú sets it, and every one of its sessions has a safety box', () => {
    const { curriculum, errors } = checkContent(projectRoot);
    expect(errors).toEqual([]);
    const imagen = curriculum!.programmes.find((p) => p.id === 'imagen-peru');
    expect(imagen?.touchesViolence).toBe(true);
    const sessions = curriculum!.sessions.filter((s) => s.programme === 'imagen-peru');
    expect(sessions).toHaveLength(34);
    expect(sessions.filter((s) => !s.safety).map((s) => s.id)).toEqual([]);
  });
});

describe('the referral directory’s confidentiality block', () => {
  test('is required: a directory without it fails naming the file and the field', () => {
    expect(errorsWith({ 'content/referrals/pe.yaml': 'directory-without-confidentiality.yaml' })).toEqual([
      'content/referrals/pe.yaml › confidentiality: is missing — add it (expected object) [schema]',
    ]);
  });

  test('refuses a script sentence over 20 words and a translation with fewer than 3 sentences, both in one run', () => {
    expect(errorsWith({ 'content/referrals/pe.yaml': 'directory-long-script-line.yaml' })).toMatchInlineSnapshot(`
      [
        "content/referrals/pe.yaml:16 › confidentiality.script[1]: has 26 words; a sentence said aloud has at most 20 — split it or say less [schema]",
        "content/referrals/pe.yaml:24 › confidentiality.translations.en.script: needs 3 to 5 sentences the facilitator says aloud [schema]",
      ]
    `);
  });

  const block = (script: string[], extra: object = {}) => ({
    keeps: ['No escribo lo que me cuenta.'],
    cannotKeep: ['Si un niño está en peligro, busco ayuda.'],
    mustReport: [{ who: 'El personal de salud', what: 'Debe denunciar.' }],
    script,
    ...extra,
  });
  const twenty = Array.from({ length: 20 }, (_, i) => `palabra${i}`).join(' ');

  test('counts words as a reader does: 20 pass, 21 fail, punctuation alone is no word', () => {
    expect(wordsIn(`${twenty} — .`)).toBe(20);
    expect(confidentialitySchema.safeParse(block([twenty, 'Dos.', 'Tres.'])).success).toBe(true);
    expect(confidentialitySchema.safeParse(block([`${twenty} más`, 'Dos.', 'Tres.'])).success).toBe(false);
  });

  test('refuses 2 or 6 sentences, an empty one, and a translation under a name that is no language tag', () => {
    const paths = (input: object) => confidentialitySchema.safeParse(input).error?.issues.map((i) => i.path.join('.'));
    expect(paths(block(['Uno.', 'Dos.']))).toEqual(['script']);
    expect(paths(block(['1 a.', '2 b.', '3 c.', '4 d.', '5 e.', '6 f.']))).toEqual(['script']);
    expect(paths(block(['Uno.', '   ', 'Tres.']))).toEqual(['script.1']);
    expect(
      paths(block(['Uno.', 'Dos.', 'Tres.'], { translations: { English: block(['One.', 'Two.', 'Three.']) } })),
    ).toEqual(['translations.English']);
  });

  test('gives the words of the page’s language, and the directory’s own where there is no translation', () => {
    const parsed = confidentialitySchema.parse(
      block(['Uno.', 'Dos.', 'Tres.'], { translations: { en: block(['One.', 'Two.', 'Three.']) } }),
    );
    expect(confidentialityIn(parsed, 'en').script).toEqual(['One.', 'Two.', 'Three.']);
    expect(confidentialityIn(parsed, 'qu').script).toEqual(['Uno.', 'Dos.', 'Tres.']);
    expect(confidentialityIn(parsed, undefined).script).toEqual(['Uno.', 'Dos.', 'Tres.']);
  });

  test('Peru’s states the health and education staff’s duty under Ley 30364 art. 15, in Spanish and English', () => {
    const { curriculum } = checkContent(projectRoot);
    const pe = curriculum!.referrals.confidentiality;
    expect(pe.mustReport.map((d) => d.law)).toEqual(['Ley 30364, art. 15']);
    expect(pe.mustReport[0]?.who).toContain('salud y de educación');
    expect(pe.script).toHaveLength(5);
    expect(confidentialityIn(pe, 'en').mustReport.map((d) => d.law)).toEqual(['Ley 30364, art. 15']);
    expect(confidentialityIn(pe, 'en').script).toHaveLength(5);
  });
});

describe('the safety-plan handout the organisation names', () => {
  test('must exist: an unknown id fails naming content/organisation.yaml and safetyPlanHandout', () => {
    expect(errorsWith({ 'content/organisation.yaml': 'organisation-unknown-safety-plan.yaml' })).toEqual([
      'content/organisation.yaml › safetyPlanHandout: no handout has the id "hoja-plan-inexistente" — fix the id or add a page with a handout block (id: hoja-plan-inexistente); handouts: hoja-plan [safety-plan-exists]',
    ]);
  });

  test('must be named once a session has a safety box, and need not be before', () => {
    const noPlan = { 'content/organisation.yaml': 'organisation-without-safety-plan.yaml' };
    expect(errorsWith(noPlan)).toEqual([
      'content/organisation.yaml › safetyPlanHandout: is missing — every safety box links to a safety plan (content/docs/prog/manual/sesion-a.mdx has a box): add the id of a handout page, like safetyPlanHandout: hoja-plan-de-seguridad [safety-plan-named]',
    ]);
    expect(errorsWith({ ...noPlan, ...sessionWithoutSafety })).toEqual([]);
  });

  test('may not be the id of a session: only a handout page counts', () => {
    const root = contentRootWith({});
    const org = join(root, 'content/organisation.yaml');
    writeFileSync(
      org,
      readFileSync(org, 'utf8').replace('safetyPlanHandout: hoja-plan', 'safetyPlanHandout: sesion-a'),
    );
    expect(checkContent(root).errors.map((e) => `${e.file} › ${e.field}`)).toEqual([
      'content/organisation.yaml › safetyPlanHandout',
    ]);
  });

  test('is FINCA Perú’s «Mi plan de seguridad», a handout of six items to tick', () => {
    const { curriculum, organisation } = checkContent(projectRoot);
    const plan = curriculum!.handouts.find((h) => h.id === organisation!.safetyPlanHandout);
    expect(plan?.title).toBe('Mi plan de seguridad');
    const body = readFileSync(join(projectRoot, plan!.file), 'utf8');
    expect(body.match(/^- \[ \] /gm)).toHaveLength(6);
  });
});

describe('the English side of the safety box', () => {
  const withEnglish = () => {
    const root = contentRootWith({});
    const org = join(root, 'content/organisation.yaml');
    writeFileSync(
      org,
      readFileSync(org, 'utf8') + 'languages:\n  - { code: es, label: Español }\n  - { code: en, label: English }\n',
    );
    return root;
  };

  test('a site language without the confidentiality block’s words is a warning naming the directory and the field', () => {
    const { errors, warnings } = checkContent(withEnglish());
    expect(errors).toEqual([]);
    expect(warnings.map(formatContentError)).toEqual([
      'content/referrals/pe.yaml › confidentiality.translations.en: is missing — pages in "en" show the limits of confidentiality in the directory\'s own language; translate the block',
    ]);
  });

  test('the real content has the English words, so no such warning', () => {
    expect(checkContent(projectRoot).warnings.filter((w) => w.field.startsWith('confidentiality'))).toEqual([]);
  });

  test('a translated session may not drop its safety block: its box would lose the steps', () => {
    const root = withEnglish();
    mkdirSync(join(root, 'content/docs/en/prog/manual'), { recursive: true });
    // A session that does not itself name violence (as manual 1's sessions 1, 2 and 4), so only the
    // comparison with its source can see the block is gone.
    const sourceFile = join(root, 'content/docs/prog/manual/sesion-a.mdx');
    const source = readFileSync(sourceFile, 'utf8').replace('touchesViolence: true', 'touchesViolence: false');
    writeFileSync(sourceFile, source);
    const dropped = source
      .replace(/  safety:\n(    .*\n)+/, '')
      .replace('  version: "1.0"', '  translatedFrom: "1.0"\n  version: "1.0"');
    writeFileSync(join(root, 'content/docs/en/prog/manual/sesion-a.mdx'), dropped);
    expect(checkContent(root).errors.map((e) => `${e.file} › ${e.field}`)).toEqual([
      'content/docs/en/prog/manual/sesion-a.mdx › session.safety.referral',
    ]);
  });
});
