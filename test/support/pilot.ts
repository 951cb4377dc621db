import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { sessionsOfManual } from '../../src/curriculum/resolve.ts';
import { sourceCurriculum } from './built-site.ts';
import { members, type startApi, type World } from './api-world.ts';

/** The Peru pilot (seeds): 1,001 women in seven banks, 7 counted sessions, 705 attended 4 or more. */
export const WOMEN = 1001;
export const COMPLETED = 705;
export const counted = sessionsOfManual(sourceCurriculum(), 'genero-y-violencia').filter(
  (s) => s.countsTowardCompletion,
);

/** How many sessions woman i attends: 4–7 for the first 705, 0–3 for the rest. */
export const sessionsAttended = (i: number) => (i < COMPLETED ? 4 + (i % 4) : i % 4);

export type PilotBank = { id: string; owner: World['users'][keyof World['users']]; roster: ReturnType<typeof members> };
/** Region of each pilot bank, in order: five in region A, two in region B. */
export const pilotRegions = (world: World) => [
  world.regions.a,
  world.regions.a,
  world.regions.a,
  world.regions.a,
  world.regions.a,
  world.regions.b,
  world.regions.b,
];

/**
 * Seven banks of 143 women (three for facA, two for facA2, two for facB), each holding the 7
 * counted sessions on the dates `dateOf(session index)`. Woman i attends sessions i, i+1, …
 * (mod 7), `sessionsAttended(i)` of them: a different set of sessions for each woman.
 */
export async function seedPilotBanks(
  api: Awaited<ReturnType<typeof startApi>>,
  world: World,
  dateOf: (session: number) => string,
): Promise<PilotBank[]> {
  expect(counted).toHaveLength(7);
  const owners = [
    world.users.facA,
    world.users.facA,
    world.users.facA,
    world.users.facA2,
    world.users.facA2,
    world.users.facB,
    world.users.facB,
  ];
  const regionOf = pilotRegions(world);
  const banks: PilotBank[] = [];
  let woman = 0;
  for (const [b, owner] of owners.entries()) {
    const bankId = randomUUID();
    await api.admin.post('/api/v1/banks', {
      id: bankId,
      regionId: regionOf[b],
      code: `PILOTO-${b + 1}`,
      name: `Banco piloto ${b + 1}`,
      facilitatorId: owner.id,
    });
    const roster = members(WOMEN / 7, `P${b + 1}`);
    expect((await owner.client.post(`/api/v1/banks/${bankId}/members`, { members: roster })).status).toBe(200);
    for (const [s, session] of counted.entries()) {
      const records = roster.map((m, j) => ({
        id: randomUUID(),
        memberId: m.id,
        present: (s - ((woman + j) % 7) + 7) % 7 < sessionsAttended(woman + j),
      }));
      const answer = await owner.client.post('/api/v1/attendance-batches', {
        delivery: { id: randomUUID(), bankId, sessionId: session.id, deliveredOn: dateOf(s) },
        records,
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    }
    banks.push({ id: bankId, owner, roster });
    woman += roster.length;
  }
  return banks;
}
