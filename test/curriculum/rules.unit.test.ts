import { globSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkContent } from '../../src/curriculum/check.ts';
import { contentRules } from '../../src/curriculum/rules/index.ts';
import { contentRootWithSession, projectRoot } from '../support/content-root.ts';

// Each rule of the registry, alone: the minimal fixture passes; one defect breaks exactly that
// rule, at that file and field. A rule added to the registry without a row here fails below.

const PROG = 'content/docs/prog/index.mdx';
const MANUAL = 'content/docs/prog/manual/index.mdx';
const SESSION = 'content/docs/prog/manual/sesion-a.mdx';
const SESSION_B = 'content/docs/prog/manual/sesion-b.mdx';
const ORG = 'content/organisation.yaml';

type Edit = (root: string) => void;

const read = (root: string, file: string) => readFileSync(join(root, file), 'utf8');
const write =
  (file: string, text: string): Edit =>
  (root) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  };
/** Replaces `from` (which must be in the file) by `to`. */
const edit =
  (file: string, from: string, to: string): Edit =>
  (root) => {
    const text = read(root, file);
    if (!text.includes(from)) throw new Error(`${file} has no ${JSON.stringify(from)}`);
    writeFileSync(join(root, file), text.replace(from, to));
  };
const all =
  (...edits: Edit[]): Edit =>
  (root) => {
    for (const e of edits) e(root);
  };
/** A copy of session A as another page, with its own id unless `id` says otherwise. */
const sessionCopy =
  (file: string, id = 'sesion-b', change: (text: string) => string = (t) => t): Edit =>
  (root) =>
    write(file, change(read(root, SESSION).replace('  id: sesion-a', `  id: ${id}`)))(root);
/** A copy of the manual as another manual page. */
const manualCopy =
  (file: string, id: string, sessions: string): Edit =>
  (root) =>
    write(
      file,
      read(root, MANUAL)
        .replace('  id: manual', `  id: ${id}`)
        .replace('sessions: [sesion-a]', `sessions: ${sessions}`),
    )(root);

const listB = edit(MANUAL, 'sessions: [sesion-a]', 'sessions: [sesion-a, sesion-b]');
const day = (n: number, file = SESSION) => edit(file, '  durationMinutes: 30', `  day: ${n}\n  durationMinutes: 30`);
const days = (...blocks: string[]) =>
  edit(MANUAL, '  glossary:', `  days:\n${blocks.map((b) => `    - ${b}\n`).join('')}  glossary:`);
const morning = (n: number) => `{ day: ${n}, blocks: [{ from: "09:00", to: "13:00" }] }`;
const withShortVersion = all(
  edit(SESSION, 'method: bienvenida }', 'method: bienvenida, safety: true }'),
  edit(
    SESSION,
    '  objectives:',
    '  shortVersion:\n    minutes: 25\n    steps:\n      - { step: 1, action: keep }\n' +
      '      - { step: 2, action: shorten, minutes: 15, how: Una ronda. }\n  objectives:',
  ),
);
const shortVersion = (from: string, to: string) => all(withShortVersion, edit(SESSION, from, to));
const withAids = (aids: string) =>
  edit(
    SESSION,
    '  objectives:',
    '  materials:\n    - { item: Tarjetas, quantity: 1 }\n  aids:\n' + aids + '  objectives:',
  );
const aid = (id: string, forMaterial = 'Tarjetas') =>
  `    - { id: ${id}, title: Tarjetas, kind: cards, forMaterial: ${forMaterial}, items: [{ text: Uno }] }\n`;
const english = all(
  edit(
    ORG,
    'defaultLanguage: es\n',
    'defaultLanguage: es\nlanguages:\n  - { code: es, label: Español }\n  - { code: en, label: English }\n',
  ),
);

/** For each rule id: the one defect, and the file and field its error must name. */
const cases: Record<string, { defect: Edit; file: string; field: string }> = {
  'yaml-syntax': { defect: edit(SESSION, '  durationMinutes: 30', '  durationMinutes: [30'), file: SESSION, field: '' },
  schema: { defect: edit(SESSION, '2026-11-01', '2026-13-01'), file: SESSION, field: 'session.lastReviewed' },
  'agenda-minutes': {
    defect: edit(SESSION, 'durationMinutes: 30', 'durationMinutes: 35'),
    file: SESSION,
    field: 'session.agenda',
  },
  'session-safety-box': {
    defect: edit(SESSION, '  safety:\n    disclosure: [Escucha y cree.]\n    referral: [linea-100]\n', ''),
    file: SESSION,
    field: 'session.safety',
  },
  'short-version/unknown-step': {
    defect: shortVersion('Una ronda. }\n', 'Una ronda. }\n      - { step: 3, action: drop }\n'),
    file: SESSION,
    field: 'session.shortVersion.steps[2].step',
  },
  'short-version/step-twice': {
    defect: shortVersion('Una ronda. }\n', 'Una ronda. }\n      - { step: 2, action: drop }\n'),
    file: SESSION,
    field: 'session.shortVersion.steps[2].step',
  },
  'short-version/step-missing': {
    defect: shortVersion('      - { step: 2, action: shorten, minutes: 15, how: Una ronda. }\n', ''),
    file: SESSION,
    field: 'session.shortVersion.steps',
  },
  'short-version/minutes': {
    defect: shortVersion('{ step: 1, action: keep }', '{ step: 1, action: keep, minutes: 5 }'),
    file: SESSION,
    field: 'session.shortVersion.steps[0].minutes',
  },
  'short-version/total': {
    defect: shortVersion('    minutes: 25\n', '    minutes: 20\n'),
    file: SESSION,
    field: 'session.shortVersion.minutes',
  },
  'short-version/safety-step-cut': {
    defect: shortVersion('{ step: 1, action: keep }', '{ step: 1, action: drop }'),
    file: SESSION,
    field: 'session.shortVersion.steps[0].action',
  },
  'short-version/no-safety-step': {
    defect: shortVersion('method: bienvenida, safety: true }', 'method: bienvenida }'),
    file: SESSION,
    field: 'session.shortVersion',
  },
  'aid-id-unique': { defect: withAids(aid('tarjetas') + aid('tarjetas')), file: SESSION, field: 'session.aids[1].id' },
  'aid-for-material': {
    defect: withAids(aid('tarjetas', 'Tarjeta')),
    file: SESSION,
    field: 'session.aids[0].forMaterial',
  },
  'aid-fits-kind': {
    defect: withAids(
      '    - { id: letrero, title: Letrero, kind: sign, items: [{ text: Un letrero demasiado largo }] }\n',
    ),
    file: SESSION,
    field: 'session.aids[0].items[0].text',
  },
  'day-blocks-in-order': {
    defect: all(days('{ day: 1, blocks: [{ from: "09:00", to: "11:00" }, { from: "10:00", to: "12:00" }] }'), day(1)),
    file: MANUAL,
    field: 'manual.days[0].blocks[1].from',
  },
  'credits-keep-original': {
    defect: edit(MANUAL, 'role: original', 'role: cambios'),
    file: MANUAL,
    field: 'manual.credits',
  },
  'translation-matches-source': {
    defect: all(english, (root) => write('content/docs/en/prog/manual/sesion-a.mdx', read(root, SESSION))(root)),
    file: 'content/docs/en/prog/manual/sesion-a.mdx',
    field: 'session.translatedFrom',
  },
  'adaptation-matches-upstream': {
    defect: edit(
      SESSION,
      '  version: "1.0"',
      '  adaptedFrom: { curriculum: otro, session: sesion-x, version: "1.0" }\n  version: "1.0"',
    ),
    file: SESSION,
    field: 'session.adaptedFrom.curriculum',
  },
  'locality-services': {
    defect: write(
      'content/referrals/pe/uno.yaml',
      'localities:\n  - id: uno\n    region: Región Uno\n    province: Provincia Uno\n    district: Distrito Uno\n' +
        '    services:\n      - { key: cem-uno, name: CEM Uno, kind: cem, place: Plaza }\n',
    ),
    file: 'content/referrals/pe/uno.yaml',
    field: 'localities[0].services[0].kind',
  },
  'vocabulary-labels': {
    defect: edit(
      'content/vocabulary.yaml',
      'socias: { es: Socias del banco comunal, en: Community-bank members }',
      'socias: { en: Community-bank members }',
    ),
    file: 'content/vocabulary.yaml',
    field: 'audiences.socias',
  },
  'logo-exists': {
    defect: edit(ORG, 'shortName: Prueba\n', 'shortName: Prueba\nlogo: assets/no.svg\n'),
    file: ORG,
    field: 'logo',
  },
  'unique-id': { defect: sessionCopy(SESSION_B, 'sesion-a'), file: SESSION_B, field: 'session.id' },
  'programme-manual-exists': {
    defect: edit(PROG, 'manuals: [manual]', 'manuals: [manual, otro]'),
    file: PROG,
    field: 'programme.manuals[1]',
  },
  'manual-in-one-programme': {
    defect: (root) => write('content/docs/prog2/index.mdx', read(root, PROG).replace('id: prog', 'id: prog2'))(root),
    file: 'content/docs/prog2/index.mdx',
    field: 'programme.manuals[0]',
  },
  'manual-has-programme': {
    defect: all(
      manualCopy('content/docs/prog/manual2/index.mdx', 'manual2', '[sesion-b]'),
      sessionCopy('content/docs/prog/manual2/sesion-b.mdx'),
    ),
    file: 'content/docs/prog/manual2/index.mdx',
    field: 'manual.id',
  },
  'manual-session-exists': {
    defect: edit(MANUAL, 'sessions: [sesion-a]', 'sessions: [sesion-a, sesion-x]'),
    file: MANUAL,
    field: 'manual.sessions[1]',
  },
  'session-listed-once': {
    defect: edit(MANUAL, 'sessions: [sesion-a]', 'sessions: [sesion-a, sesion-a]'),
    file: MANUAL,
    field: 'manual.sessions[1]',
  },
  'session-in-one-manual': {
    defect: all(
      edit(PROG, 'manuals: [manual]', 'manuals: [manual, manual2]'),
      manualCopy('content/docs/prog/manual2/index.mdx', 'manual2', '[sesion-a]'),
    ),
    file: 'content/docs/prog/manual2/index.mdx',
    field: 'manual.sessions[0]',
  },
  'session-has-manual': { defect: sessionCopy(SESSION_B), file: SESSION_B, field: 'session.id' },
  'session-description': {
    defect: edit(SESSION, 'description: Una sesión válida que los casos rotos reemplazan.\n', ''),
    file: SESSION,
    field: 'description',
  },
  'referral-key-exists': {
    defect: edit(SESSION, 'referral: [linea-100]', 'referral: [linea-999]'),
    file: SESSION,
    field: 'session.safety.referral[0]',
  },
  'handout-exists': {
    defect: edit(SESSION, '  version: "1.0"', '  handouts: [hoja-x]\n  version: "1.0"'),
    file: SESSION,
    field: 'session.handouts[0]',
  },
  'day-on-every-session': {
    defect: all(days(morning(1)), sessionCopy(SESSION_B), day(1), listB),
    file: SESSION_B,
    field: 'session.day',
  },
  'day-order': {
    defect: all(days(morning(1), morning(2)), sessionCopy(SESSION_B), day(2), day(1, SESSION_B), listB),
    file: SESSION_B,
    field: 'session.day',
  },
  'days-need-session-days': { defect: days(morning(1)), file: MANUAL, field: 'manual.days' },
  'day-has-schedule': { defect: day(1), file: MANUAL, field: 'manual.days' },
  'schedule-has-sessions': { defect: all(days(morning(1), morning(2)), day(1)), file: MANUAL, field: 'manual.days[1]' },
  'day-fits-schedule': {
    defect: all(days('{ day: 1, blocks: [{ from: "09:00", to: "09:20" }] }'), day(1)),
    file: MANUAL,
    field: 'manual.days[0]',
  },
  'programme-safety-box': {
    defect: all(
      edit(PROG, '  manuals: [manual]', '  touchesViolence: true\n  manuals: [manual]'),
      edit(SESSION, 'touchesViolence: true', 'touchesViolence: false'),
      edit(SESSION, '  safety:\n    disclosure: [Escucha y cree.]\n    referral: [linea-100]\n', ''),
    ),
    file: SESSION,
    field: 'session.safety',
  },
  'completion-manual': {
    defect: edit(PROG, '    manual: manual', '    manual: otro'),
    file: PROG,
    field: 'programme.completionRule.manual',
  },
  'completion-min-sessions': {
    defect: edit(PROG, 'minSessions: 1', 'minSessions: 2'),
    file: PROG,
    field: 'programme.completionRule.minSessions',
  },
  'organisation-programme-exists': {
    defect: edit(ORG, 'defaultLanguage: es\n', 'defaultLanguage: es\nprogrammes: [otro]\n'),
    file: ORG,
    field: 'programmes[0]',
  },
  'safety-plan-named': {
    defect: edit(ORG, 'safetyPlanHandout: hoja-plan\n', ''),
    file: ORG,
    field: 'safetyPlanHandout',
  },
  'safety-plan-exists': {
    defect: edit(ORG, 'safetyPlanHandout: hoja-plan', 'safetyPlanHandout: hoja-otra'),
    file: ORG,
    field: 'safetyPlanHandout',
  },
};

const broken = (defect: Edit) => {
  const root = contentRootWithSession();
  defect(root);
  return checkContent(root).errors.map(({ rule, file, field }) => ({ rule, file, field }));
};

describe('an unreadable page', () => {
  test('hides no id: pages that name it do not report it missing', () => {
    const unreadable = (file: string, id: string) => edit(file, `  id: ${id}\n`, `  id: ${id}\n  x: [\n`);
    expect(broken(unreadable(MANUAL, 'manual'))).toEqual([{ rule: 'yaml-syntax', file: MANUAL, field: '' }]);
    expect(broken(unreadable(PROG, 'prog'))).toEqual([{ rule: 'yaml-syntax', file: PROG, field: '' }]);
    expect(
      broken(edit('content/docs/prog/manual/hojas/plan.mdx', '  id: hoja-plan\n', '  id: hoja-plan\n  x: [\n')),
    ).toEqual([{ rule: 'yaml-syntax', file: 'content/docs/prog/manual/hojas/plan.mdx', field: '' }]);
  });

  test('whose id cannot be found either names its own error first, then what it hides', () => {
    // The limit of the best effort: the manual's list and the completion rule then see no session.
    const rules = broken(edit(SESSION, '  id: sesion-a', '  "id: sesion-a')).map((e) => e.rule);
    expect(rules).toEqual(['yaml-syntax', 'yaml-syntax', 'manual-session-exists', 'completion-min-sessions']);
  });
});

describe('the rule registry', () => {
  test('has unique, stable kebab-case ids (a short-version/… prefix at most)', () => {
    const ids = contentRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^([a-z]+(-[a-z]+)*\/)?[a-z]+(-[a-z]+)*$/);
  });

  test('says each rule in one line in Spanish and in English', () => {
    for (const { id, summary } of contentRules) {
      expect(summary.es, id).toMatch(/^[A-ZÁÉÍÓÚÑ¿].{10,}\.$/);
      expect(summary.en, id).toMatch(/^[A-Z].{10,}\.$/);
      expect(summary.es.split(/\s+/).length, id).toBeLessThanOrEqual(20);
    }
  });

  test('registers every rule id the source reports errors under', () => {
    const daysIds = ['days-need-session-days', 'day-has-schedule', 'schedule-has-sessions', 'day-fits-schedule'];
    const written = globSync('src/curriculum/**/*.ts', { cwd: projectRoot }).flatMap((file) => {
      const text = readFileSync(join(projectRoot, file), 'utf8');
      const found = [
        ...text.matchAll(/(?:\brule: |withRule\(|scheduleRule\()'([^']+)'/g),
        ...text.matchAll(/'(short-version\/[a-z-]+)'/g),
        ...(/type DayScheduleRule =([^;]+);/.exec(text)?.[1]?.matchAll(/'([^']+)'/g) ?? []),
      ];
      return found.map((m) => m[1]);
    });
    const registered = contentRules.map((r) => r.id);
    for (const id of written) expect(registered).toContain(id);
    // Both ways: every rule checked outside the registry's own `check` (a schema, a stage) is written somewhere.
    const elsewhere = contentRules.filter((r) => r.scope === 'page' || r.scope === 'stage').map((r) => r.id);
    expect(new Set(written)).toEqual(new Set(elsewhere.filter((id) => id !== 'schema')).union(new Set(daysIds)));
  });

  test('has a one-defect fixture for every rule, and no fixture for a rule it lacks', () => {
    expect(Object.keys(cases).sort()).toEqual(contentRules.map((r) => r.id).sort());
  });

  test('the minimal fixture breaks no rule', () => {
    expect(broken(() => {})).toEqual([]);
  });
});

describe.each(contentRules.map((r) => r.id))('rule %s', (id) => {
  test('one defect fails with exactly this rule, file and field', () => {
    const c = cases[id];
    if (!c) throw new Error(`no fixture for rule ${id}: add one to the cases above`);
    expect(broken(c.defect)).toEqual([{ rule: id, file: c.file, field: c.field }]);
  });
});
