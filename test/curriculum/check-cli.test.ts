import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { contentRules } from '../../src/curriculum/rules/index.ts';
import { contentRootWithManual, contentRootWithSession, fixtures, projectRoot } from '../support/content-root.ts';

// The real `npm run check -- --json` on every broken-content fixture: each error names a rule of
// the registry, and the rules named are exactly the ones the fixture breaks.

const brokenContent = join(fixtures, 'broken-content');

/** The minimal site with one broken fixture put where its kind of file lives. */
function rootFor(fixture: string): string {
  if (statSync(join(brokenContent, fixture)).isDirectory()) return contentRootWithManual(fixture);
  // A programme that touches violence is broken by its session without a safety box (issue 14).
  if (fixture.startsWith('programme-')) {
    const root = contentRootWithSession('session-without-safety.mdx');
    copyFileSync(join(brokenContent, fixture), join(root, 'content/docs/prog/index.mdx'));
    return root;
  }
  const root = contentRootWithSession(fixture.endsWith('.mdx') ? fixture : undefined);
  if (fixture.endsWith('.mdx')) return root;
  if (fixture.startsWith('locality-')) {
    // Region files hang from a directory whose services they name (cem, comisaria).
    copyFileSync(join(fixtures, 'localities', 'pe.yaml'), join(root, 'content/referrals/pe.yaml'));
    mkdirSync(join(root, 'content/referrals/pe'), { recursive: true });
    copyFileSync(join(brokenContent, fixture), join(root, 'content/referrals/pe/ficticia.yaml'));
  } else if (fixture.startsWith('organisation-'))
    copyFileSync(join(brokenContent, fixture), join(root, 'content/organisation.yaml'));
  else if (fixture.startsWith('directory-'))
    copyFileSync(join(brokenContent, fixture), join(root, 'content/referrals/pe.yaml'));
  else throw new Error(`no place for fixture ${fixture}: say where it goes in rootFor`);
  return root;
}

interface CheckJson {
  ok: boolean;
  errors: { file: string; field: string; message: string; rule: string }[];
}

function check(root: string): { status: number | null; json: CheckJson } {
  const run = spawnSync('npm', ['run', '--silent', 'check', '--', '--json', '--root', root], {
    cwd: projectRoot,
    encoding: 'utf8',
  });
  return { status: run.status, json: JSON.parse(run.stdout) as CheckJson };
}

/** The rules each fixture breaks, one entry per error, in the CLI's order. */
const expected: Record<string, string[]> = {
  'agenda-sum-wrong.mdx': ['agenda-minutes'],
  'aid-empty-items.mdx': ['schema'],
  'aid-many-mistakes.mdx': ['aid-fits-kind', 'aid-fits-kind', 'aid-fits-kind', 'aid-for-material', 'aid-id-unique'],
  'aid-unknown-picture.mdx': ['schema'],
  'aid-unquoted-comma.mdx': ['schema'],
  'bad-date.mdx': ['schema'],
  'day-over-schedule': ['day-fits-schedule'],
  'directory-long-script-line.yaml': ['schema', 'schema'],
  'directory-without-confidentiality.yaml': ['schema'],
  'locality-bad-fields.yaml': ['schema', 'schema'],
  'locality-duplicate-id.yaml': ['locality-services'],
  'locality-duplicate-key.yaml': ['locality-services'],
  'locality-unknown-kind.yaml': ['locality-services'],
  // Breaks only the content lint (sentence length), not a content rule.
  'long-sentences.mdx': [],
  'many-errors.mdx': ['schema', 'schema', 'schema'],
  'missing-objectives.mdx': ['schema'],
  'organisation-unknown-safety-plan.yaml': ['safety-plan-exists'],
  'organisation-without-safety-plan.yaml': ['safety-plan-named'],
  'programme-touches-violence.mdx': ['programme-safety-box'],
  // Valid on its own: broken only inside a programme that touches violence (above).
  'session-without-safety.mdx': [],
  'short-version-drops-safety.mdx': ['short-version/safety-step-cut'],
  'short-version-minutes-wrong.mdx': ['short-version/total'],
  'short-version-step-missing.mdx': ['short-version/step-missing'],
  'short-version-valid.mdx': [],
  'unknown-referral.mdx': ['referral-key-exists'],
  'unknown-topic.mdx': ['schema'],
  'violence-without-referral.mdx': ['session-safety-box'],
};

const registered = new Set(contentRules.map((r) => r.id));

describe('npm run check -- --json on the broken-content fixtures', () => {
  const names = readdirSync(brokenContent).sort();

  test('every fixture has its expected rules here', () => {
    expect(Object.keys(expected).sort()).toEqual(names);
  });

  test.each(names)('%s: every error names a registered rule, and they are the ones expected', (name) => {
    const { status, json } = check(rootFor(name));
    for (const error of json.errors) expect(registered, `${error.file} › ${error.field}`).toContain(error.rule);
    expect(json.errors.map((e) => e.rule)).toEqual(expected[name]);
    expect(json.ok).toBe(json.errors.length === 0);
    expect(status).toBe(json.errors.length ? 1 : 0);
  });

  test('the broken organisation names a rule for each of its eight errors', () => {
    const { status, json } = check(join(fixtures, 'broken-org'));
    expect(status).toBe(1);
    expect(json.errors.map((e) => `${e.rule} ${e.file} › ${e.field}`)).toEqual([
      'schema content/organisation.yaml › colours.primary',
      'logo-exists content/organisation.yaml › logo',
      'agenda-minutes content/docs/prog/manual/sesion-b.mdx › session.agenda',
      'translation-matches-source content/docs/en/prog/manual/no-existe.mdx › ',
      'translation-matches-source content/docs/en/prog/manual/sesion-a.mdx › session.translatedFrom',
      'session-listed-once content/docs/prog/manual/index.mdx › manual.sessions[2]',
      'referral-key-exists content/docs/prog/manual/sesion-a.mdx › session.safety.referral[0]',
      'organisation-programme-exists content/organisation.yaml › programmes[0]',
    ]);
  });

  test('the text output ends every error line with its rule in brackets', () => {
    const run = spawnSync('npm', ['run', '--silent', 'check', '--', '--root', join(fixtures, 'broken-org')], {
      cwd: projectRoot,
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.split('\n').filter((l) => l.startsWith('  ✗ '));
    expect(lines).toHaveLength(8);
    for (const line of lines) expect(registered).toContain(/ \[([a-z/-]+)\]$/.exec(line)?.[1]);
    expect(lines[1]).toBe(
      '  ✗ content/organisation.yaml › logo: the file content/assets/no-existe.svg does not exist — ' +
        'add it or fix the path [logo-exists]',
    );
  });
});
