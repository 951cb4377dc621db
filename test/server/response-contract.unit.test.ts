import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { responseContractViolations } from '../../src/api/response-contract.ts';
import { contracts } from '../../src/api/v1/contracts.ts';

const deliveries = z.object({ deliveries: z.array(z.object({ id: z.string(), present: z.int() })) });

describe('a response checked against its contract', () => {
  test('a body that keeps its contract has no violations', () => {
    expect(responseContractViolations(deliveries, { deliveries: [{ id: 'd1', present: 12 }] })).toEqual([]);
  });

  test('a field the contract lacks is named with its path, even deep in a list', () => {
    const leaking = {
      deliveries: [
        { id: 'd1', present: 12 },
        { id: 'd2', present: 3, memberNames: ['Rosa'] },
      ],
    };
    expect(responseContractViolations(deliveries, leaking)).toEqual(['deliveries[1].memberNames: not in the contract']);
  });

  test('a value the contract refuses is named with the schema’s reason', () => {
    expect(responseContractViolations(deliveries, { deliveries: [{ id: 'd1', present: 'doce' }] })).toEqual([
      'deliveries[0].present: Invalid input: expected number, received string',
    ]);
  });

  test('a real contract: listing activities with a woman’s name slipped in fails', () => {
    const activity = {
      id: '5f0c1f7e-8a1b-4c3d-9e2f-0a1b2c3d4e5f',
      bankId: '6a1d2e3f-4b5c-4d6e-8f70-819293a4b5c6',
      heldOn: '2026-06-01',
      place: 'Local comunal',
      activityType: 'feria',
      reached: { women: 20, men: 5, girls: 3, boys: 2 },
    };
    const response = contracts.listActivities.response;
    expect(responseContractViolations(response, { activities: [activity] })).toEqual([]);
    expect(responseContractViolations(response, { activities: [{ ...activity, leader: 'Rosa Quispe' }] })).toEqual([
      'activities[0].leader: not in the contract',
    ]);
  });
});
