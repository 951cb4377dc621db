import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { fixedFieldsOf, fixedInTranslation } from '../../src/curriculum/schemas/fixed-in-translation.ts';
import {
  handoutSchema,
  idSchema,
  manualSchema,
  programmeSchema,
  sessionSchema,
} from '../../src/curriculum/schemas/index.ts';

describe('fields a translation may not change are tagged once, on the schema', () => {
  test('each block lists exactly the fields it fixed before the tags (same behaviour)', () => {
    expect(new Set(fixedFieldsOf(sessionSchema()))).toEqual(
      new Set([
        'id',
        'audience',
        'durationMinutes',
        'topics',
        'touchesViolence',
        'countsTowardCompletion',
        'handouts',
        'day',
        'activityType',
        'licence',
        'credits',
      ]),
    );
    expect(new Set(fixedFieldsOf(manualSchema()))).toEqual(
      new Set(['id', 'audience', 'sessions', 'days', 'licence', 'credits']),
    );
    expect(fixedFieldsOf(programmeSchema)).toEqual(['id', 'manuals', 'completionRule', 'touchesViolence']);
    expect(fixedFieldsOf(handoutSchema)).toEqual(['id']);
  });

  test('text a translation must change is never tagged', () => {
    for (const field of ['agenda', 'objectives', 'keyMessages', 'materials', 'safety', 'translatedFrom', 'version'])
      expect(fixedFieldsOf(sessionSchema())).not.toContain(field);
    expect(fixedFieldsOf(manualSchema())).not.toContain('glossary');
  });

  test('tagging a shared piece tags that use only, not every field built from it', () => {
    const tagged = fixedInTranslation(idSchema);
    expect(fixedFieldsOf(z.object({ a: tagged, b: idSchema }))).toEqual(['a']);
    // The tagged copy still parses as the original does.
    expect(tagged.safeParse('Not An Id').success).toBe(false);
    expect(tagged.parse('gv-quien-decide')).toBe('gv-quien-decide');
  });

  test('a tag is found through optional, default and nullable wrappers', () => {
    const shape = z.object({
      a: fixedInTranslation(z.string()).optional(),
      b: fixedInTranslation(z.boolean()).default(true),
      c: fixedInTranslation(z.string()).nullable(),
      d: z.string().optional(),
    });
    expect(fixedFieldsOf(shape)).toEqual(['a', 'b', 'c']);
  });

  test('the tag stays out of the published JSON Schema', () => {
    expect(JSON.stringify(z.toJSONSchema(z.object({ id: fixedInTranslation(idSchema) })))).not.toContain(
      'fixedInTranslation',
    );
  });
});
