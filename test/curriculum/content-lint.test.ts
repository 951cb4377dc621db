import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { lintContent } from '../../src/curriculum/lint.ts';
import { meanSentenceLength } from '../../src/curriculum/readability.ts';
import { contentRootWithSession, projectRoot } from '../support/content-root.ts';

function runLint(root: string) {
  const result = spawnSync(process.execPath, [join(projectRoot, 'src/curriculum/cli/lint.ts'), '--root', root], {
    encoding: 'utf8',
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('the content lint', () => {
  test('passes on the whole curriculum and prints one line per session', () => {
    const { rows, errors } = lintContent(projectRoot);
    expect(errors).toEqual([]);
    expect(rows.filter((r) => r.problems.length)).toEqual([]);
    const { status, output } = runLint(projectRoot);
    expect(status).toBe(0);
    for (const row of rows) expect(output).toMatch(new RegExp(`^${row.id}\\s`, 'm'));
  });

  test('counts the words of a sentence, not of a heading or a list marker', () => {
    expect(meanSentenceLength('## Paso a paso\n\n1. Saluda a todas. Pregunta cómo están.\n')).toEqual({
      sentences: 3,
      words: 9,
      mean: 3,
    });
  });

  test('fails a session whose sentences average 28 words', () => {
    const { status, output } = runLint(contentRootWithSession('long-sentences.mdx'));
    expect(status).toBe(1);
    expect(output).toMatch(/sesion-a .*28 FAIL/);
    expect(output).toContain('sentences average 28.0 words (at most 20)');
  });

  test('fails a violence session without a referral path, naming the file and field', () => {
    const { status, output } = runLint(contentRootWithSession('violence-without-referral.mdx'));
    expect(status).toBe(1);
    expect(output).toContain('content/docs/prog/manual/sesion-a.mdx:4 › session.safety');
  });

  test('fails a referral key that is not in the directory', () => {
    const { status, output } = runLint(contentRootWithSession('unknown-referral.mdx'));
    expect(status).toBe(1);
    expect(output).toContain('session.safety.referral[0]: "linea-101" is not in the referral directory');
  });
});
