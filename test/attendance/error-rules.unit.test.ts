import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { conflictRules, errorRules } from '../../src/attendance/error-rules.ts';
import { openApiDocument } from '../../src/api/v1/openapi.ts';
import { projectRoot } from '../support/content-root.ts';

const declared = Object.keys(errorRules);

describe('the named rules of API errors (src/attendance/error-rules.ts)', () => {
  test('every rule the office pages put in words is a declared rule (a misspelt key would never show)', () => {
    const officeWords = join(projectRoot, 'content/i18n/office');
    for (const lang of readdirSync(officeWords)) {
      for (const file of readdirSync(join(officeWords, lang))) {
        const words = JSON.parse(readFileSync(join(officeWords, lang, file), 'utf8')) as Record<string, string>;
        const rules = Object.keys(words)
          .filter((key) => key.startsWith('office.rule.'))
          .map((key) => key.slice('office.rule.'.length));
        expect(
          rules.filter((rule) => !declared.includes(rule)),
          `${lang}/${file}`,
        ).toEqual([]);
      }
    }
  });

  test('every source file names only declared rules (the type checker says so too; this catches a cast)', () => {
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.(ts|astro)$/.test(entry.name) && !path.endsWith('error-rules.ts'))
          for (const [, rule] of readFileSync(path, 'utf8').matchAll(/rule: '([a-z_]+\.[a-z_]+)'/g)) used.add(rule!);
      }
    };
    walk(join(projectRoot, 'src'));
    expect([...used].filter((rule) => !declared.includes(rule))).toEqual([]);
    expect(used.size).toBeGreaterThan(40);
  });

  test('the OpenAPI document lists them as the enum of error.rule and rows[].rule, and the error codes as an enum', () => {
    const schemas = openApiDocument().components?.schemas as Record<string, { enum?: string[] }>;
    expect(schemas.ErrorRule?.enum).toEqual(declared);
    expect(schemas.ErrorCode?.enum).toContain('invalid_rows');
  });

  test('the rules that mean a conflict are declared rules', () => {
    for (const rule of conflictRules) expect(declared).toContain(rule);
  });
});
