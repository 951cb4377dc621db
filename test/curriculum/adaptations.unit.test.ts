import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { checkContent } from '../../src/curriculum/check.ts';
import { formatContentError } from '../../src/curriculum/content-error.ts';
import { coreSteps, SAFETY_CORE_REASON } from '../../src/curriculum/core.ts';
import { newOrganisation } from '../../src/curriculum/new-organisation/create.ts';
import { checkAdaptations } from '../../src/curriculum/adaptations.ts';
import { readUpstreamSnapshots } from '../../src/curriculum/load/upstream.ts';
import { projectRoot } from '../support/content-root.ts';

// One copy of manual 1 made by the real command; every case below changes a fresh copy of it.
let made = '';
// The upstream's version of session 2 today (it moves as the curriculum is revised), and the next one.
let V = '';
let NEXT = '';
const ROLES = 'content/docs/imagen-peru/genero-y-violencia/roles-de-genero.mdx';
const SNAPSHOT = 'content/upstream/tejido.json';

beforeAll(() => {
  made = join(mkdtempSync(join(tmpdir(), 'tejido-neworg-')), 'caja');
  newOrganisation({
    upstreamRoot: projectRoot,
    name: 'Caja Andina',
    country: 'BO',
    dir: made,
    manuals: ['gv'],
    today: '2026-12-01',
  });
  V = checkContent(made).curriculum!.sessions.find((s) => s.id === 'gv-roles-de-genero')!.adaptedFrom!.version;
  NEXT = `${V.split('.')[0]}.${Number(V.split('.')[1]) + 1}`;
});

/** A fresh copy of the new organisation's content, with `file` changed by `edit`. */
function copyWith(edits: Record<string, (text: string) => string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'tejido-adapted-'));
  cpSync(made, root, { recursive: true });
  for (const [file, edit] of Object.entries(edits))
    writeFileSync(join(root, file), edit(readFileSync(join(root, file), 'utf8')));
  return root;
}
const errorsOf = (root: string) => checkContent(root).errors.map(formatContentError);
const warningsOf = (root: string) => checkContent(root).warnings.map(formatContentError);
/** The adaptations page's row of the session adapting gv-roles-de-genero. */
const rolesRow = (root: string) =>
  checkAdaptations(checkContent(root).curriculum!.sessions, readUpstreamSnapshots(root).snapshots).rows.find(
    (r) => r.upstreamSession === 'gv-roles-de-genero',
  );

/** Drops the agenda step titled `title` (with its lines) and gives its minutes to the step before. */
function dropStep(title: string) {
  return (text: string) => {
    const lines = text.split('\n');
    const start = lines.findIndex((l) => l === `    - title: ${title}`);
    if (start < 0) throw new Error(`no step ${title}`);
    let end = start + 1;
    while (lines[end]?.startsWith('      ')) end++;
    const minutes = Number(/minutes: (\d+)/.exec(lines.slice(start, end).join('\n'))?.[1]);
    lines.splice(start, end - start);
    const duration = /durationMinutes: (\d+)/;
    return (
      lines
        .join('\n')
        .replace(duration, (_, d) => `durationMinutes: ${Number(d) - minutes}`)
        // The short version names steps by number: this case is about the agenda, so it has none.
        .replace(/\n {2}shortVersion:\n( {4}.*\n)+/, '\n')
    );
  };
}
const withRemoved = (entries: string) => (text: string) =>
  text.replace(/(\n {2}adaptedFrom:\n(?: {4}.*\n)+)/, (block) => `${block}    removedCore:\n${entries}`);

describe('core and adaptable parts', () => {
  test('coreSteps lists marked steps and safety steps (core by rule), 0-based, with their reasons', () => {
    const session = checkContent(projectRoot).curriculum!.sessions.find((s) => s.id === 'gv-roles-de-genero')!;
    expect(coreSteps(session)).toEqual([
      { index: 0, title: 'Bienvenida y acuerdos de confianza', reason: SAFETY_CORE_REASON },
      { index: 1, title: 'Lo que aprendimos de niñas y de niños', reason: expect.stringContaining('normas de género') },
      { index: 3, title: '¿Así nacemos o así nos enseñaron?', reason: expect.stringContaining('se pueden cambiar') },
    ]);
  });

  test('every session of manual 1 has at least one marked core step besides its safety steps', () => {
    const sessions = checkContent(projectRoot).curriculum!.sessions.filter((s) => s.manual === 'genero-y-violencia');
    expect(sessions).toHaveLength(7);
    for (const s of sessions) expect(s.agenda.filter((step) => step.core).length, s.id).toBeGreaterThanOrEqual(1);
  });
});

describe('a new organisation’s copy (npm run new-organisation)', () => {
  test('is valid at once; its only warnings are the placeholders of its referral directory', () => {
    const result = checkContent(made);
    expect(result.errors).toEqual([]);
    expect(result.curriculum?.sessions.map((s) => s.adaptedFrom?.session)).toEqual([
      'gv-espacio-de-confianza',
      'gv-roles-de-genero',
      'gv-quien-decide',
      'gv-comunicacion',
      'gv-violencia-no-es-normal',
      'gv-crianza-con-carino',
      'gv-rompemos-el-silencio',
    ]);
    // Each starter service × 5 fields, 2 limits, 1 reporting duty × 2 fields, 1 sentence of the script.
    const services = [...readFileSync(join(made, 'content/referrals/bo.yaml'), 'utf8').matchAll(/^  - key: /gm)].length;
    expect(services).toBeGreaterThanOrEqual(6);
    expect(result.warnings).toHaveLength(services * 5 + 5);
    expect(new Set(result.warnings.map((w) => w.file))).toEqual(new Set(['content/referrals/bo.yaml']));
  });

  test('invents no phone number: the starter directory has no digit in any service contact', () => {
    const text = readFileSync(join(made, 'content/referrals/bo.yaml'), 'utf8');
    const contacts = [...text.matchAll(/contact: (.*)/g)].map((m) => m[1]);
    expect(contacts).toHaveLength([...text.matchAll(/^  - key: /gm)].length);
    for (const contact of contacts) expect(contact).not.toMatch(/\d/);
  });

  test('a manual that is not its programme’s completion manual brings that manual along and checks clean', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'tejido-neworg-')), 'ahorro');
    const made = newOrganisation({
      upstreamRoot: projectRoot,
      name: 'Ahorro',
      country: 'CO',
      dir,
      manuals: ['cajas-de-ahorro'],
    });
    expect(made.manuals).toEqual(['cajas-de-ahorro', 'educacion-financiera']);
    expect(checkContent(dir).errors).toEqual([]);
  }, 30_000);

  test('refuses a folder that is not empty, a bad country code and an unknown manual', () => {
    const base = { upstreamRoot: projectRoot, name: 'X', country: 'BO', dir: made };
    expect(() => newOrganisation(base)).toThrow(/is not empty/);
    const empty = join(mkdtempSync(join(tmpdir(), 'tejido-neworg-')), 'x');
    expect(() => newOrganisation({ ...base, dir: empty, country: 'BOL' })).toThrow(/not a two-letter country code/);
    expect(() => newOrganisation({ ...base, dir: empty, manuals: ['zz'] })).toThrow(/there is no manual "zz"/);
  });
});

describe('adaptations that remember where they came from', () => {
  test('dropping a core step without a reason fails, naming file, step and upstream', () => {
    const root = copyWith({ [ROLES]: dropStep('¿Así nacemos o así nos enseñaron?') });
    expect(errorsOf(root)).toEqual([
      `${ROLES} › session.agenda: the core step «¿Así nacemos o así nos enseñaron?» of tejido/gv-roles-de-genero ` +
        `${V} is missing; keep it or declare its removal in session.adaptedFrom.removedCore with a reason [adaptation-matches-upstream]`,
    ]);
  });

  test('the same removal declared with a reason passes and is listed as removed', () => {
    const root = copyWith({
      [ROLES]: (t) =>
        withRemoved('      - step: ¿Así nacemos o así nos enseñaron?\n        reason: Lo hacemos en la sesión 1.\n')(
          dropStep('¿Así nacemos o así nos enseñaron?')(t),
        ),
    });
    expect(errorsOf(root)).toEqual([]);
    expect(rolesRow(root)?.removed).toEqual([
      { element: '¿Así nacemos o así nos enseñaron?', reason: 'Lo hacemos en la sesión 1.' },
    ]);
  });

  test('a safety step cannot be removed, even with a reason', () => {
    const root = copyWith({
      [ROLES]: (t) =>
        withRemoved('      - step: Bienvenida y acuerdos de confianza\n        reason: No hay tiempo.\n')(
          dropStep('Bienvenida y acuerdos de confianza')(t),
        ),
    });
    expect(errorsOf(root)).toEqual([
      `${ROLES} › session.agenda: the safety step «Bienvenida y acuerdos de confianza» of tejido/gv-roles-de-genero ` +
        `${V} is missing — safety steps are core by rule and cannot be removed; keep it (you may reword it and set upstreamStep) [adaptation-matches-upstream]`,
    ]);
  });

  test('a kept safety step may not lose its safety mark', () => {
    const root = copyWith({
      [ROLES]: (t) => t.replace('      method: bienvenida\n      safety: true\n', '      method: bienvenida\n'),
    });
    expect(errorsOf(root)).toEqual([
      `${ROLES} › session.agenda[0].safety: the step «Bienvenida y acuerdos de confianza» adapts the safety step ` +
        `«Bienvenida y acuerdos de confianza» of tejido/gv-roles-de-genero ${V}, so it stays a safety step — add safety: true [adaptation-matches-upstream]`,
    ]);
  });

  test('a renamed core step is found through upstreamStep and shown as renamed', () => {
    const root = copyWith({
      [ROLES]: (t) =>
        t.replace(
          '    - title: ¿Así nacemos o así nos enseñaron?\n',
          '    - title: ¿Nacimos así?\n      upstreamStep: ¿Así nacemos o así nos enseñaron?\n',
        ),
    });
    expect(errorsOf(root)).toEqual([]);
    expect(rolesRow(root)?.renamed).toEqual([
      { upstream: '¿Así nacemos o así nos enseñaron?', adapted: '¿Nacimos así?' },
    ]);
    const plain = copyWith({
      [ROLES]: (t) => t.replace('    - title: ¿Así nacemos o así nos enseñaron?\n', '    - title: ¿Nacimos así?\n'),
    });
    expect(errorsOf(plain)).toHaveLength(1);
  });

  test('a removal that names no core element of the upstream is refused', () => {
    const root = copyWith({
      [ROLES]: withRemoved('      - step: Lo que sí puede cambiar\n        reason: No aplica.\n'),
    });
    expect(errorsOf(root)).toEqual([
      `${ROLES} › session.adaptedFrom.removedCore[0]: «Lo que sí puede cambiar» is not a core step of ` +
        `tejido/gv-roles-de-genero ${V} — fix the text or remove the entry [adaptation-matches-upstream]`,
    ]);
  });

  test('dropping a core key message fails; an adaptable one may go', () => {
    const core =
      'Casi todo lo que hacemos como mujeres y como hombres no viene de nacimiento. Lo aprendimos, y lo aprendido se puede cambiar.';
    const root = copyWith({ [ROLES]: (t) => t.replace(`"${core}"`, '"Lo aprendido se cambia."') });
    expect(errorsOf(root)).toEqual([
      `${ROLES} › session.keyMessages: the core key message «${core}» of tejido/gv-roles-de-genero ${V} is missing; ` +
        'keep it or declare its removal in session.adaptedFrom.removedCore (message: …) with a reason [adaptation-matches-upstream]',
    ]);
    const adaptable = copyWith({
      [ROLES]: (t) => t.replace('    - Cuando la familia comparte las tareas, todos ganan.\n', ''),
    });
    expect(errorsOf(adaptable)).toEqual([]);
  });

  test('a version ahead of the upstream, an unknown upstream and an unknown session are refused', () => {
    const ahead = copyWith({
      [ROLES]: (t) => t.replace(/(adaptedFrom:\n(?: {4}.*\n)*? {4}version: )"[\d.]+"/, '$1"9.9"'),
    });
    expect(errorsOf(ahead)).toEqual([
      `${ROLES} › session.adaptedFrom.version: is 9.9 but tejido/gv-roles-de-genero is only at ${V} — ` +
        'write the upstream version you adapted [adaptation-matches-upstream]',
    ]);
    const unknown = copyWith({ [ROLES]: (t) => t.replace('curriculum: tejido', 'curriculum: otro') });
    expect(errorsOf(unknown)).toEqual([
      `${ROLES} › session.adaptedFrom.curriculum: there is no snapshot content/upstream/otro.json (snapshots: tejido) — fix the name or add the upstream's snapshot [adaptation-matches-upstream]`,
    ]);
    const session = copyWith({ [ROLES]: (t) => t.replace('session: gv-roles-de-genero', 'session: gv-no-existe') });
    expect(errorsOf(session)).toEqual([
      `${ROLES} › session.adaptedFrom.session: tejido has no session "gv-no-existe" (content/upstream/tejido.json) — fix the id [adaptation-matches-upstream]`,
    ]);
  });

  test('an upstream that moved on gives a warning with what changed, not an error', () => {
    const root = copyWith({
      [SNAPSHOT]: (text) => {
        const snapshot = JSON.parse(text);
        const s = snapshot.sessions.find((x: { id: string }) => x.id === 'gv-roles-de-genero');
        s.version = NEXT;
        // The history as far as the adapted version, then the one new version.
        s.changes = s.changes.filter(
          (c: { version: string }) => c.version.localeCompare(V, 'en', { numeric: true }) <= 0,
        );
        s.changes.push({ version: NEXT, date: '2026-12-02', summary: 'Nuevo paso de seguridad.' });
        return JSON.stringify(snapshot);
      },
    });
    expect(errorsOf(root)).toEqual([]);
    expect(warningsOf(root).filter((w) => !w.includes('POR COMPLETAR'))).toEqual([
      `${ROLES} › session.adaptedFrom.version: adapts tejido/gv-roles-de-genero ${V} but the upstream is now ${NEXT} ` +
        `(${NEXT}: Nuevo paso de seguridad.) — review the changes, then update adaptedFrom.version`,
    ]);
  });

  test('a broken snapshot is reported with its file and field', () => {
    const root = copyWith({ [SNAPSHOT]: (text) => text.replace('"organisation": "FINCA Perú"', '"organisation": ""') });
    expect(errorsOf(root)).toContain('content/upstream/tejido.json:3 › organisation: must not be empty [schema]');
  });
});
