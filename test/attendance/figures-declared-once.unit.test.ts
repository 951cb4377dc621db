import { execFileSync } from 'node:child_process';
import { expect, test } from 'vitest';
import { figuresSchema, personCellsSchema } from '../../src/attendance/api-schemas.ts';
import { indicatorColumns, indicatorsCsv } from '../../src/attendance/exports/export.service.ts';
import { figureNames, hiddenPersons, zeroEvents, zeroPersons } from '../../src/attendance/indicators/figures.ts';

/**
 * Issue 16, "fields restated by hand": the figures are declared once, in api-schemas.ts; the
 * type, the zeros, the hidden cells and the CSV's columns are read from that shape.
 */
const keys = Object.keys(figuresSchema.shape);

test('the indicators CSV header is the unit, then the schema’s figure names in their order', () => {
  const figures = Object.fromEntries(keys.map((k, i) => [k, i + 1])) as Parameters<typeof indicatorsCsv>[0]['total'];
  const csv = indicatorsCsv({ groups: [{ code: 'B1', figures }], total: { ...figures, ...hiddenPersons() } }, 'bank');
  const [header, row, total] = csv.text.trim().split('\n');
  expect(header).toBe(['group', 'code', ...keys].join(','));
  expect(header).toBe('group,code,enrolled,attendedAtLeastOne,completed,leadersTrained,activities,peopleReached');
  expect(row).toBe('bank,B1,1,2,3,4,5,6');
  expect(total).toBe('total,,oculto,oculto,oculto,oculto,5,6');
  expect(csv.rows).toBe(2);
  expect([...indicatorColumns]).toEqual(['group', 'code', ...figureNames]);
});

test('zeros and hidden cells are exactly the schema’s names, and parse as figures', () => {
  expect(Object.keys({ ...zeroPersons(), ...zeroEvents() })).toEqual(keys);
  expect(Object.keys(hiddenPersons())).toEqual(Object.keys(personCellsSchema.shape));
  expect(figuresSchema.parse({ ...hiddenPersons(), ...zeroEvents() })).toEqual({
    enrolled: 'oculto',
    attendedAtLeastOne: 'oculto',
    completed: 'oculto',
    leadersTrained: 'oculto',
    activities: 0,
    peopleReached: 0,
  });
  // The attacker's case: a figure missing from a row is refused by the contract, not sent as blank.
  const { peopleReached: _dropped, ...short } = { ...zeroPersons(), ...zeroEvents() };
  expect(figuresSchema.safeParse(short).success).toBe(false);
});

test('a grep of src/ finds each figure name declared once: as a key of the schema, nowhere as a type or schema field', () => {
  for (const name of keys) {
    // A declaration is `name: <zod>` or `name: number` in a type: the schema's line only.
    const found = execFileSync('grep', ['-rnE', `^\\s*${name}\\??: (countCell|z\\.|number|Count)`, 'src'], {
      encoding: 'utf8',
    })
      .trim()
      .split('\n');
    expect(found, name).toHaveLength(1);
    expect(found[0], name).toMatch(/^src\/attendance\/api-schemas\.ts:/);
  }
});
