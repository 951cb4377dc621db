import { describe, expect, test } from 'vitest';
import { protectShares, share, type RegionDeliveries } from '../../src/attendance/fidelity/protect-shares.ts';
import { quarterDays, quarterOf } from '../../src/attendance/fidelity/quarters.ts';

const policy = { hideUpTo: 4 };
const regions = (...counts: number[]): RegionDeliveries[] =>
  counts.map((deliveries, i) => ({ regionId: `r${i}`, deliveries, done: new Map() }));
const hiddenOf = (counts: number[]) => {
  const p = protectShares(regions(...counts), policy);
  return { hidden: [...p.hiddenRegions].sort(), organisationHidden: p.organisationHidden };
};

describe('which fidelity shares are hidden (threshold 4 deliveries)', () => {
  test('4 deliveries are hidden, 5 are not; a region with none hides nothing', () => {
    expect(hiddenOf([4, 10])).toEqual({ hidden: ['r0', 'r1'], organisationHidden: false });
    expect(hiddenOf([5, 10])).toEqual({ hidden: [], organisationHidden: false });
    expect(hiddenOf([0, 10])).toEqual({ hidden: [], organisationHidden: false });
  });

  test('one small region hides the smallest other one with deliveries, so the organisation minus the rest is a pool of two', () => {
    expect(hiddenOf([3, 20, 10])).toEqual({ hidden: ['r0', 'r2'], organisationHidden: false });
  });

  test('two small regions pooling 4 deliveries or fewer hide a third; with no third, the organisation too', () => {
    expect(hiddenOf([3, 1, 10])).toEqual({ hidden: ['r0', 'r1', 'r2'], organisationHidden: false });
    expect(hiddenOf([3, 1])).toEqual({ hidden: ['r0', 'r1'], organisationHidden: true });
    expect(hiddenOf([2, 0])).toEqual({ hidden: ['r0'], organisationHidden: true });
  });

  test('attack, every split of up to 12 deliveries over three regions: what subtraction leaves is 0 or a pool of two regions above 4', () => {
    for (let a = 0; a <= 12; a++)
      for (let b = 0; b <= 12; b++)
        for (let c = 0; c <= 12; c++) {
          const counts = [a, b, c];
          const p = protectShares(regions(...counts), policy);
          const pool = counts.filter((_, i) => p.hiddenRegions.has(`r${i}`) && counts[i]! > 0);
          const pooled = pool.reduce((x, y) => x + y, 0);
          for (const [i, n] of counts.entries())
            if (n >= 1 && n <= 4) expect(p.hiddenRegions.has(`r${i}`), `${counts}`).toBe(true);
          if (!p.organisationHidden)
            expect(pool.length === 0 || (pool.length >= 2 && pooled > 4), `${counts}`).toBe(true);
        }
  });

  test('a share has two decimals; none held is 0', () => {
    expect([share(2, 3), share(5, 9), share(0, 0), share(7, 7)]).toEqual([0.67, 0.56, 0, 1]);
  });
});

describe('quarters', () => {
  test('first and last days, leap year included; the quarter of a day', () => {
    expect(quarterDays('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(quarterDays('2028-Q1')).toEqual({ from: '2028-01-01', to: '2028-03-31' });
    expect(quarterDays('2026-Q3')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect([quarterOf(new Date('2026-12-01T00:00:00Z')), quarterOf(new Date('2026-04-01T00:00:00Z'))]).toEqual([
      '2026-Q4',
      '2026-Q2',
    ]);
  });
});
