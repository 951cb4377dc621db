import { describe, expect, test } from 'vitest';
import { suppressCount, suppressRows } from '../../src/attendance/indicators/suppression.ts';

describe('small-cell suppression', () => {
  test('hides 1 to 4 above the facilitator level, and nothing at her level', () => {
    expect([0, 1, 4, 5, 705].map((n) => suppressCount(n, true))).toEqual([0, '<5', '<5', 5, 705]);
    expect([0, 1, 4].map((n) => suppressCount(n, false))).toEqual([0, 1, 4]);
  });

  test('a lone "<5" in a column of rows takes the smallest other count with it, so the total cannot give it away', () => {
    const rows = [
      { enrolled: 3, completed: 0 },
      { enrolled: 40, completed: 12 },
      { enrolled: 7, completed: 6 },
    ];
    expect(suppressRows(rows, true)).toEqual([
      { enrolled: '<5', completed: 0 },
      { enrolled: 40, completed: 12 },
      { enrolled: 'oculto', completed: 6 },
    ]);
  });

  test('two or more "<5" in a column already hide each other; zeros are never hidden', () => {
    const rows = [{ n: 2 }, { n: 3 }, { n: 0 }, { n: 50 }];
    expect(suppressRows(rows, true)).toEqual([{ n: '<5' }, { n: '<5' }, { n: 0 }, { n: 50 }]);
  });

  test('the facilitator sees every row exactly', () => {
    expect(suppressRows([{ n: 2 }, { n: 9 }], false)).toEqual([{ n: 2 }, { n: 9 }]);
  });
});
