import fc from 'fast-check';
import type { z } from 'zod';

/**
 * fast-check arbitraries derived from the API's own zod schemas, so the fuzzer's "near-valid"
 * bodies follow each route's shape as it is, not as a test author remembered it: mostly values
 * the schema accepts (ids drawn from the seeded world, so requests reach the services and the
 * database), and, at any leaf, a hostile value instead.
 */
export interface Pools {
  /** Existing ids (banks, members, regions…) mixed into every UUID field. */
  ids: string[];
  /** Known good values for plain strings (e.g. session and programme ids). */
  words: string[];
}

/** What an attacker puts where a value goes: NUL, lone surrogates, huge and odd numbers, wrong types, deep nesting. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfff',
    '\udc00\ud800',
    '',
    ' ',
    '\u202e',
    '𝕏'.repeat(50),
    "'; drop table members; --",
    '../../etc/passwd',
    '%00',
    '<script>alert(1)</script>',
    '\\',
    '"',
  ),
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -(2 ** 63), 1e21, 0.5, -1, -0, 2147483648, 4294967296),
  fc.constantFrom(
    null,
    true,
    false,
    [],
    {},
    [[[[[]]]]],
    { $gt: '' },
    JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
    { constructor: { prototype: { polluted: true } } },
  ),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.integer({ min: 1, max: 3000 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown),
  // Longer than any field allows, short enough to fit in a URL (Node refuses headers over 16 kB with 431).
  fc.constant('x'.repeat(3_000)),
);

const date = fc
  .date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

function checksOf(
  schema: z.ZodType,
): { check: string; value?: number; format?: string; pattern?: RegExp; minimum?: number; maximum?: number }[] {
  const def = (schema as any)._zod.def;
  return (def.checks ?? []).map((c: any) => c._zod.def);
}

function stringArbitrary(schema: z.ZodType, pools: Pools): fc.Arbitrary<string> {
  const def = (schema as any)._zod.def;
  const checks = checksOf(schema);
  const regex = checks.find((c) => c.format === 'regex')?.pattern;
  const max = checks.find((c) => c.check === 'max_length')?.maximum ?? 40;
  switch (def.format) {
    case 'uuid':
      return fc.oneof(fc.constantFrom(...pools.ids), fc.uuid());
    case 'email':
      return fc.oneof(
        fc.constantFrom('admin@tejido.test', 'faca@tejido.test', 'coorda@tejido.test'),
        fc.emailAddress(),
      );
    case 'date':
      return fc.oneof(date, fc.constantFrom('2026-02-30', '2026-13-01', '0000-00-00', '2026-04-12'));
    case 'datetime':
      return fc
        .date({ noInvalidDate: true, min: new Date('1970-01-01'), max: new Date('2100-01-01') })
        .map((d) => d.toISOString());
  }
  if (regex) return fc.stringMatching(regex);
  return fc.oneof(
    fc.constantFrom(...pools.words),
    fc.string({ minLength: 1, maxLength: max }),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: max }),
  );
}

function numberArbitrary(schema: z.ZodType): fc.Arbitrary<number> {
  const checks = checksOf(schema);
  const min = checks.find((c) => c.check === 'greater_than')?.value ?? -1000;
  const max = checks.find((c) => c.check === 'less_than')?.value ?? 1000;
  return fc.oneof(fc.integer({ min, max }), fc.constantFrom(min - 1, max + 1));
}

/** Values shaped by `schema`; at each leaf, with probability `hostility`, a hostile value instead. */
export function arbitraryFor(schema: z.ZodType, pools: Pools, hostility = 0.1): fc.Arbitrary<unknown> {
  const shaped = shapedBy(schema, pools, hostility);
  return hostility > 0
    ? fc.oneof(
        { weight: Math.round((1 - hostility) * 100), arbitrary: shaped },
        { weight: Math.round(hostility * 100), arbitrary: hostile },
      )
    : shaped;
}

function shapedBy(schema: z.ZodType, pools: Pools, hostility: number): fc.Arbitrary<unknown> {
  const def = (schema as any)._zod.def;
  const inner = (s: z.ZodType) => arbitraryFor(s, pools, hostility);
  switch (def.type) {
    case 'string':
      return stringArbitrary(schema, pools);
    case 'number':
      return numberArbitrary(schema);
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...(Object.values(def.entries) as string[]));
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'optional':
    case 'default':
      return fc.option(inner(def.innerType), { nil: undefined });
    case 'nullable':
      return fc.option(inner(def.innerType), { nil: null });
    case 'union':
      return fc.oneof(...(def.options as z.ZodType[]).map(inner));
    case 'array': {
      const checks = checksOf(schema);
      const min = checks.find((c) => c.check === 'min_length')?.minimum ?? 0;
      return fc.array(inner(def.element), { minLength: Math.max(0, min - 1), maxLength: 6 });
    }
    case 'object': {
      const shape = Object.fromEntries(
        Object.entries(def.shape as Record<string, z.ZodType>).map(([key, value]) => [key, inner(value)]),
      );
      // Mostly every key, sometimes any of them missing.
      return fc.oneof(
        { weight: 4, arbitrary: fc.record(shape) },
        { weight: 1, arbitrary: fc.record(shape, { requiredKeys: [] }) },
      );
    }
    case 'pipe':
      return inner(def.in);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}
