// Day schedules (manual.days) and short versions (session.shortVersion), checked on broken
// fixtures: each case fails for its own reason only, naming the file, the line and the field.
import { cpSync, readdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkContent } from '../../src/curriculum/check.ts';
import { formatContentError } from '../../src/curriculum/content-error.ts';
import { contentRootWithManual, contentRootWithSession, projectRoot } from '../support/content-root.ts';

const MANUAL_FILE = 'content/docs/prog/manual/index.mdx';
const SESSION_FILE = 'content/docs/prog/manual/sesion-a.mdx';

const errorsIn = (root: string) => checkContent(root).errors.map(formatContentError);

/** The root with one file's text changed by `edit` (the edit must change something). */
function edited(root: string, file: string, edit: (text: string) => string): string {
  const path = join(root, file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`the edit changed nothing in ${file}`);
  writeFileSync(path, after);
  return root;
}

describe('day schedules', () => {
  test('a day whose sessions take longer than its schedule names the file, the day and the minutes over', () => {
    expect(errorsIn(contentRootWithManual('day-over-schedule'))).toMatchInlineSnapshot(`
      [
        "content/docs/prog/manual/index.mdx:9 › manual.days[0]: day 1 needs 30 minutes but its schedule has 20 — 10 minutes over; shorten a session or lengthen the day [day-fits-schedule]",
      ]
    `);
  });

  test('the same day with 30 minutes of schedule is valid', () => {
    const root = edited(contentRootWithManual('day-over-schedule'), MANUAL_FILE, (t) =>
      t.replace('"09:20"', '"09:30"'),
    );
    expect(errorsIn(root)).toEqual([]);
  });

  test('a manual whose sessions have days must declare every day’s schedule', () => {
    const root = edited(contentRootWithManual('day-over-schedule'), MANUAL_FILE, (t) => t.replace(/  days:\n.*\n/, ''));
    expect(errorsIn(root)).toMatchInlineSnapshot(`
      [
        "content/docs/prog/manual/index.mdx:4 › manual.days: day 1 has sessions but no schedule — add { day: 1, blocks: [{ from: "09:00", to: "13:00" }] } [day-has-schedule]",
      ]
    `);
  });

  test('a schedule for a day that has no sessions is refused', () => {
    const root = edited(contentRootWithManual('day-over-schedule'), MANUAL_FILE, (t) =>
      t.replace('"09:20" }] }', '"09:30" }] }\n    - { day: 2, blocks: [{ from: "09:00", to: "13:00" }] }'),
    );
    expect(errorsIn(root)).toMatchInlineSnapshot(`
      [
        "content/docs/prog/manual/index.mdx:10 › manual.days[1]: day 2 has no sessions — remove its schedule or give sessions day: 2 [schedule-has-sessions]",
      ]
    `);
  });

  test('a schedule in a manual whose sessions have no day is refused', () => {
    const root = edited(contentRootWithManual('day-over-schedule'), SESSION_FILE, (t) => t.replace('  day: 1\n', ''));
    expect(errorsIn(root)).toEqual([
      'content/docs/prog/manual/index.mdx:8 › manual.days: its sessions have no day — remove days, or give each session a day: [days-need-session-days]',
    ]);
  });

  test('a block that ends before it starts, overlapping blocks and a time without HH:MM are refused', () => {
    const root = edited(contentRootWithManual('day-over-schedule'), MANUAL_FILE, (t) =>
      t.replace(
        '[{ from: "09:00", to: "09:20" }]',
        '[{ from: "09:00", to: "13:00" }, { from: "12:00", to: "14:00" }, { from: "9h", to: "16:30" }, { from: "17:00", to: "16:00" }]',
      ),
    );
    expect(errorsIn(root)).toMatchInlineSnapshot(`
      [
        "content/docs/prog/manual/index.mdx:9 › manual.days[0].blocks[2].from: must be a time written as HH:MM, like "09:00" or "16:30" [schema]",
        "content/docs/prog/manual/index.mdx:9 › manual.days[0].blocks[3].to: ends before it starts — "to" must be later than "from" [day-blocks-in-order]",
        "content/docs/prog/manual/index.mdx:9 › manual.days[0].blocks[1].from: starts at 12:00, before the block above ends (13:00) — put the blocks in order without overlap [day-blocks-in-order]",
      ]
    `);
  });
});

describe('short versions', () => {
  test('a short version that keeps its safety step and adds up to 30 minutes is valid', () => {
    expect(errorsIn(contentRootWithSession('short-version-valid.mdx'))).toEqual([]);
  });

  test('dropping a safety step is refused, naming the step', () => {
    expect(errorsIn(contentRootWithSession('short-version-drops-safety.mdx'))).toMatchInlineSnapshot(`
      [
        "content/docs/prog/manual/sesion-a.mdx:16 › session.shortVersion.steps[2].action: step 3 ("A dónde pedir ayuda") is a safety step and cannot be dropped — keep it whole (15 min) and cut another step [short-version/safety-step-cut]",
      ]
    `);
  });

  test('shortening a safety step is refused too', () => {
    const root = edited(contentRootWithSession('short-version-valid.mdx'), SESSION_FILE, (t) =>
      t
        .replace('{ step: 2, action: shorten, minutes: 10 }', '{ step: 2, action: keep }')
        .replace('{ step: 3, action: keep }', '{ step: 3, action: shorten, minutes: 5 }'),
    );
    expect(errorsIn(root)).toMatchInlineSnapshot(`
      [
        "content/docs/prog/manual/sesion-a.mdx:16 › session.shortVersion.steps[2].action: step 3 ("A dónde pedir ayuda") is a safety step and cannot be shortened — keep it whole (15 min) and cut another step [short-version/safety-step-cut]",
      ]
    `);
  });

  test('minutes that do not add up to the short total are refused, with both figures', () => {
    expect(errorsIn(contentRootWithSession('short-version-minutes-wrong.mdx'))).toMatchInlineSnapshot(`
      [
        "content/docs/prog/manual/sesion-a.mdx:12 › session.shortVersion.minutes: the kept and shortened steps add up to 35 minutes but the short version is 30 — change their minutes or the total [short-version/total]",
      ]
    `);
  });

  test('a declared total below 30 is allowed, and the steps must add up to it', () => {
    const root = edited(contentRootWithSession('short-version-valid.mdx'), SESSION_FILE, (t) =>
      t
        .replace('  shortVersion:\n', '  shortVersion:\n    minutes: 25\n')
        .replace('minutes: 5, how', 'minutes: 5, how'),
    );
    expect(errorsIn(root)).toMatchInlineSnapshot(`
      [
        "content/docs/prog/manual/sesion-a.mdx:13 › session.shortVersion.minutes: the kept and shortened steps add up to 30 minutes but the short version is 25 — change their minutes or the total [short-version/total]",
      ]
    `);
    const fitting = edited(root, SESSION_FILE, (t) =>
      t.replace('{ step: 2, action: shorten, minutes: 10 }', '{ step: 2, action: shorten, minutes: 5 }'),
    );
    expect(errorsIn(fitting)).toEqual([]);
  });

  test('a total above 30 minutes is refused', () => {
    const root = edited(contentRootWithSession('short-version-valid.mdx'), SESSION_FILE, (t) =>
      t.replace('  shortVersion:\n', '  shortVersion:\n    minutes: 45\n'),
    );
    expect(errorsIn(root)).toMatchInlineSnapshot(`
      [
        "content/docs/prog/manual/sesion-a.mdx:13 › session.shortVersion.minutes: must be at most 30 minutes — a short version fits a late meeting [schema]",
      ]
    `);
  });

  test('an agenda step missing from the short version is named with its title', () => {
    expect(errorsIn(contentRootWithSession('short-version-step-missing.mdx'))).toMatchInlineSnapshot(`
      [
        "content/docs/prog/manual/sesion-a.mdx:13 › session.shortVersion.steps: agenda step 1 ("Bienvenida") is not in the short version — add { step: 1, action: keep, shorten or drop } [short-version/step-missing]",
      ]
    `);
  });

  test('a step listed twice, a step that does not exist and a shorten without minutes are refused', () => {
    const root = edited(contentRootWithSession('short-version-valid.mdx'), SESSION_FILE, (t) =>
      t
        .replace('{ step: 2, action: shorten, minutes: 10 }', '{ step: 2, action: shorten }')
        .replace(
          '{ step: 3, action: keep }',
          '{ step: 3, action: keep }\n      - { step: 3, action: keep }\n      - { step: 9, action: drop }',
        ),
    );
    expect(errorsIn(root)).toMatchInlineSnapshot(`
      [
        "content/docs/prog/manual/sesion-a.mdx:15 › session.shortVersion.steps[1].minutes: step 2 ("Diálogo") is shortened, so it needs minutes below its own 20 — write them, or use keep [short-version/minutes]",
        "content/docs/prog/manual/sesion-a.mdx:17 › session.shortVersion.steps[3].step: agenda step 3 ("A dónde pedir ayuda") is listed twice — keep one entry per step [short-version/step-twice]",
        "content/docs/prog/manual/sesion-a.mdx:18 › session.shortVersion.steps[4].step: there is no agenda step 9 (the agenda has 3) — use a number from 1 to 3 [short-version/unknown-step]",
      ]
    `);
  });

  test('a kept step cannot claim fewer minutes, nor a dropped one any, so no minutes are hidden', () => {
    const root = edited(contentRootWithSession('short-version-drops-safety.mdx'), SESSION_FILE, (t) =>
      t
        .replace('{ step: 1, action: keep }', '{ step: 1, action: keep, minutes: 5 }')
        .replace('{ step: 3, action: drop }', '{ step: 3, action: keep }')
        .replace('{ step: 2, action: keep }', '{ step: 2, action: drop, minutes: 15 }'),
    );
    expect(errorsIn(root).map((e) => e.split(': ')[0]?.split(' › ')[1])).toEqual([
      'session.shortVersion.steps[0].minutes',
      'session.shortVersion.steps[1].minutes',
    ]);
  });

  test('step 0 is not an agenda step', () => {
    const root = edited(contentRootWithSession('short-version-valid.mdx'), SESSION_FILE, (t) =>
      t.replace('{ step: 1, action: shorten', '{ step: 0, action: shorten'),
    );
    expect(errorsIn(root)).toEqual([
      'content/docs/prog/manual/sesion-a.mdx:14 › session.shortVersion.steps[0].step: must be the number of an agenda step: 1 is the first step [schema]',
    ]);
  });

  test('a violence session with a short version but no step marked safety is refused', () => {
    const root = edited(contentRootWithSession('short-version-valid.mdx'), SESSION_FILE, (t) =>
      t.replace(', safety: true', ''),
    );
    expect(errorsIn(root)).toMatchInlineSnapshot(`
      [
        "content/docs/prog/manual/sesion-a.mdx:12 › session.shortVersion: the session touches violence, so mark the agenda steps that carry its safety (safety: true) — the short version must keep them [short-version/no-safety-step]",
      ]
    `);
  });

  test('a crowd note longer than two sentences is refused', () => {
    const root = edited(contentRootWithSession('short-version-valid.mdx'), SESSION_FILE, (t) =>
      t.replace(
        '{ title: Diálogo, minutes: 20, method: dialogo }',
        '{ title: Diálogo, minutes: 20, method: dialogo, largeGroup: "Hagan dos grupos. Cada grupo con una guía. Luego juntan todo." }',
      ),
    );
    expect(errorsIn(root)).toMatchInlineSnapshot(`
      [
        "content/docs/prog/manual/sesion-a.mdx:10 › session.agenda[1].largeGroup: must be at most 2 short sentences — it is printed beside the step; keep only how to split the group [schema]",
      ]
    `);
  });
});

describe('the leaders’ manual', () => {
  test('fits each day in 9:00–13:00 + 14:00–16:30, and a day 3 made 30 minutes too long fails the build', () => {
    const root = mkdtempSync(join(tmpdir(), 'tejido-days-'));
    cpSync(join(projectRoot, 'content'), join(root, 'content'), { recursive: true });
    expect(checkContent(root).errors).toEqual([]);
    const leaders = 'content/docs/imagen-peru/lideresas';
    // Day 3's sessions take what the day has left plus 30 minutes: one of its sessions' first step grows by that much.
    const day3 = readdirSync(join(root, leaders))
      .map((f) => readFileSync(join(root, leaders, f), 'utf8'))
      .filter((text) => /\n  day: 3\n/.test(text));
    const used = day3.reduce((sum, text) => sum + Number(/durationMinutes: (\d+)/.exec(text)![1]), 0);
    const extra = 390 - used + 30;
    edited(root, `${leaders}/acompanar-sin-culpar.mdx`, (t) =>
      t
        .replace(/durationMinutes: (\d+)/, (_, m) => `durationMinutes: ${Number(m) + extra}`)
        .replace(/(agenda:\n    - title: [^\n]+\n      minutes: )(\d+)/, (_, head, m) => `${head}${Number(m) + extra}`),
    );
    expect(errorsIn(root)).toEqual([
      expect.stringMatching(
        /^content\/docs\/imagen-peru\/lideresas\/index\.mdx:\d+ › manual\.days\[2\]: day 3 needs 420 minutes but its schedule has 390 — 30 minutes over; shorten a session or lengthen the day \[day-fits-schedule\]$/,
      ),
    ]);
  });
});

describe('translations', () => {
  test('a translated short version must keep the source’s plan; only its notes are translated', () => {
    const root = mkdtempSync(join(tmpdir(), 'tejido-short-en-'));
    cpSync(join(projectRoot, 'content'), join(root, 'content'), { recursive: true });
    const page = 'content/docs/en/imagen-peru/genero-y-violencia/espacio-de-confianza.mdx';
    // Still a valid plan on its own (drop step 2, give its minutes to step 3), but not the source's.
    edited(root, page, (t) =>
      t
        .replace(
          '{ step: 2, action: shorten, minutes: 5, how: "One round of the yarn only: each woman says just her name." }',
          '{ step: 2, action: drop }',
        )
        .replace('{ step: 3, action: shorten, minutes: 5,', '{ step: 3, action: shorten, minutes: 10,'),
    );
    expect(errorsIn(root)).toEqual([
      expect.stringMatching(
        /^content\/docs\/en\/imagen-peru\/genero-y-violencia\/espacio-de-confianza\.mdx:\d+ › session\.shortVersion: must keep the source's steps, actions and minutes — translate the notes \(how\) only \[translation-matches-source\]$/,
      ),
    ]);
  });

  test('a translation may not lift a safety mark', () => {
    const root = mkdtempSync(join(tmpdir(), 'tejido-short-en-'));
    cpSync(join(projectRoot, 'content'), join(root, 'content'), { recursive: true });
    const page = 'content/docs/en/imagen-peru/genero-y-violencia/crianza-con-carino.mdx';
    edited(root, page, (t) =>
      t.replace('      method: bienvenida\n      safety: true\n', '      method: bienvenida\n      safety: false\n'),
    );
    expect(errorsIn(root)).toEqual([
      expect.stringMatching(
        /crianza-con-carino\.mdx:\d+ › session\.agenda\[0\]\.safety: must be as in the source \(true\) — or leave it out \[translation-matches-source\]$/,
      ),
    ]);
  });
});
