import { aidsCount } from '../../src/curriculum/aids.ts';
// `npm run lint:content` reports, per session, its short version's minutes and its printable aids.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { lintContent, printableAidsCount } from '../../src/curriculum/lint.ts';
import { sessionsOfManual } from '../../src/curriculum/resolve.ts';
import { contentRootWithSession, projectRoot } from '../support/content-root.ts';
import { sourceCurriculum } from '../support/built-site.ts';

function runLint(root: string) {
  const result = spawnSync(process.execPath, [join(projectRoot, 'src/curriculum/cli/lint.ts'), '--root', root], {
    encoding: 'utf8',
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

/** The cells of the lint table's line for a session (columns are two or more spaces apart). */
function cellsOf(output: string, id: string): string[] {
  const line = output.split('\n').find((l) => l.startsWith(`${id} `));
  return line?.split(/\s{2,}/) ?? [];
}

describe('the content lint’s short-version and aids columns', () => {
  const { status, output } = runLint(projectRoot);

  test('the header names both columns, between the minutes and the safety figures', () => {
    expect(status).toBe(0);
    expect(
      output
        .split('\n')
        .find((l) => l.startsWith('session '))
        ?.split(/\s{2,}/),
    ).toEqual(['session', 'minutes', 'short', 'aids', 'safety', 'words/sentence', 'result']);
  });

  test('every manual 1 session shows a 30-minute short version that adds up', () => {
    for (const s of sessionsOfManual(sourceCurriculum(), 'genero-y-violencia'))
      expect(cellsOf(output, s.id).slice(0, 4), s.id).toEqual([
        s.id,
        `${s.durationMinutes}/${s.durationMinutes} ok`,
        '30/30 ok',
        String(aidsCount(s)),
      ]);
  });

  test('a session without a short version shows a dash', () => {
    expect(cellsOf(output, 'li-ruta-de-atencion').slice(0, 4)).toEqual(['li-ruta-de-atencion', '120/120 ok', '—', '0']);
  });

  test('rows carry the figures for tools: 7 sessions with 30 minutes, the rest none', () => {
    const { rows } = lintContent(projectRoot);
    expect(rows.filter((r) => r.shortMinutes === 30 && r.shortDeclared === 30)).toHaveLength(7);
    expect(rows.filter((r) => r.shortMinutes === undefined)).toHaveLength(rows.length - 7);
  });

  test('a short version whose minutes do not add up fails the lint, naming file and field', () => {
    const broken = runLint(contentRootWithSession('short-version-minutes-wrong.mdx'));
    expect(broken.status).toBe(1);
    // A session that fails its schema has no row of figures: the error says what to fix.
    expect(cellsOf(broken.output, 'sesion-a')).toEqual([]);
    expect(broken.output).toContain('0 sessions, 0 with problems, 1 content error(s).');
    expect(broken.output).toContain(
      'content/docs/prog/manual/sesion-a.mdx:12 › session.shortVersion.minutes: the kept and shortened steps add up to 35 minutes',
    );
  });
});

describe('the aids count', () => {
  test('counts a session’s aids list once the field exists, and 0 without it', () => {
    const session = sourceCurriculum().sessions[0]!;
    expect(printableAidsCount(session)).toBe(0);
    expect(printableAidsCount({ ...session, aids: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] } as typeof session)).toBe(3);
    expect(printableAidsCount({ ...session, aids: 'not a list' } as unknown as typeof session)).toBe(0);
  });
});
