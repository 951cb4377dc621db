import fc from 'fast-check';
import { expect, test } from 'vitest';
import { protect, type BankFigures, type OrganisationFigures } from '../../src/attendance/disclosure/protect.ts';
import { protectBefore } from '../support/protect-oracle.ts';

/**
 * protect() keeps each bank's counts as rows of numbers and sums them (issue 13: 70 ms of the
 * admin's indicators at 2,500 banks went to recounting them). It must hide exactly the units the
 * disclosure control hid before, on every organisation: same banks, same regions, same total.
 */
const P = ['imagen', 'ahorro'];
const small = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 5 }) },
  { weight: 2, arbitrary: fc.integer({ min: 6, max: 40 }) },
);
const bankArb = fc.record({
  capability: fc.constantFrom('00', '10', '20', '22', '21', '12', '11'),
  enrolled: small,
  leaders: small,
  attended: fc.tuple(small, small),
  completed: fc.tuple(small, small),
});

type BankInput = typeof bankArb extends fc.Arbitrary<infer T> ? T : never;

function bankOf(id: string, regionId: string, b: BankInput): BankFigures {
  const programmes = Object.fromEntries(
    P.map((p, i) => {
      const attendedAtLeastOne = Math.min(b.attended[i] ?? 0, b.enrolled);
      return [p, { attendedAtLeastOne, completed: Math.min(b.completed[i] ?? 0, attendedAtLeastOne) }];
    }),
  );
  return {
    id,
    regionId,
    capability: b.capability,
    figures: { enrolled: b.enrolled, leadersTrained: Math.min(b.leaders, b.enrolled), programmes },
  };
}

const orgOf = (regions: BankInput[][]): OrganisationFigures => ({
  programmeIds: P,
  regionIds: regions.map((_, r) => `r${r}`),
  banks: regions.flatMap((banks, r) => banks.map((b, i) => bankOf(`r${r}b${i}`, `r${r}`, b))),
});
const shape = (p: ReturnType<typeof protect>) => ({
  hiddenBanks: [...p.hiddenBanks].sort(),
  hiddenRegions: [...p.hiddenRegions].sort(),
  organisationHidden: p.organisationHidden,
});

test('on random organisations, it hides exactly the units it hid before', () => {
  let runs = 0;
  let hidden = 0;
  fc.assert(
    fc.property(
      fc.array(fc.array(bankArb, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 5 }),
      fc.integer({ min: 1, max: 6 }),
      (regions, hideUpTo) => {
        runs++;
        const org = orgOf(regions);
        const now = shape(protect(org, { hideUpTo }));
        expect(now).toEqual(shape(protectBefore(org, { hideUpTo })));
        hidden += now.hiddenBanks.length;
      },
    ),
    { numRuns: 300, seed: 20261201 },
  );
  expect(runs).toBe(300);
  // Not vacuous: the seeded run hides banks (exactly this many), so the comparisons are of choices made.
  expect(hidden).toBe(2070);
});

test('a bank whose programmes differ from the others still gets the answer of before (the slow path)', () => {
  const org = orgOf([
    [
      { capability: '22', enrolled: 12, leaders: 3, attended: [8, 2], completed: [5, 1] },
      { capability: '22', enrolled: 30, leaders: 9, attended: [20, 7], completed: [11, 6] },
    ],
    [{ capability: '21', enrolled: 25, leaders: 0, attended: [10, 10], completed: [6, 0] }],
  ]);
  const odd = org.banks[1] as BankFigures;
  const banks = [
    org.banks[0] as BankFigures,
    { ...odd, figures: { ...odd.figures, programmes: { imagen: odd.figures.programmes.imagen! } } },
    org.banks[2] as BankFigures,
  ];
  const changed = { ...org, banks };
  expect(shape(protect(changed, { hideUpTo: 4 }))).toEqual(shape(protectBefore(changed, { hideUpTo: 4 })));
});

test('at 2,500 banks it answers in one pass of the banks, as before', () => {
  const regions = Array.from({ length: 5 }, (_, r) =>
    Array.from({ length: 500 }, (_, i) => ({
      capability: '22' as const,
      enrolled: 40,
      leaders: (r + i) % 7,
      attended: [(i * 7) % 41, (i * 3) % 41] as [number, number],
      completed: [(i * 5) % 30, (i * 11) % 20] as [number, number],
    })),
  );
  const org = orgOf(regions);
  expect(shape(protect(org, { hideUpTo: 4 }))).toEqual(shape(protectBefore(org, { hideUpTo: 4 })));
});
