import type { Transaction } from 'kysely';
import type { DatabaseTables } from '../db/tables.ts';
import { ApiError } from '../errors.ts';

type Trx = Transaction<DatabaseTables>;

/** What one version of a roll call says of the agenda: the steps done, or nothing said (null). */
export type StepsDone = readonly number[] | null;

/**
 * The steps a roll call names must be steps of its session's agenda, each once. Checked against
 * the curriculum, not the schema: the agenda's length is the session's.
 */
export function requireValidSteps(
  steps: readonly number[] | undefined,
  agendaSteps: number,
  field = 'stepsDone',
): void {
  if (!steps) return;
  const seen = new Map<number, number>();
  steps.forEach((step, i) => {
    if (step >= agendaSteps) {
      throw new ApiError(
        'unprocessable',
        `Step ${step} is not in this session's agenda: it has ${agendaSteps} steps, numbered from 0.`,
        {
          field: `${field}[${i}]`,
          rule: 'delivery.step_out_of_range',
          params: { step, agendaSteps },
        },
      );
    }
    const first = seen.get(step);
    if (first !== undefined) {
      throw new ApiError(
        'unprocessable',
        `Step ${step} is named twice (also at position ${first}): name each step done once.`,
        {
          field: `${field}[${i}]`,
          rule: 'delivery.step_repeated',
          params: { step, other: first },
        },
      );
    }
    seen.set(step, i);
  });
}

/** The same steps, whatever their order; "not said" equals only "not said". */
export function sameSteps(a: StepsDone, b: StepsDone): boolean {
  if (a === null || b === null) return a === b;
  const left = [...a].sort((x, y) => x - y);
  const right = [...b].sort((x, y) => x - y);
  return left.length === right.length && left.every((step, i) => step === right[i]);
}

/** The steps one version of a roll call says were done, in agenda order; null when it does not say. */
export async function readSteps(trx: Trx, deliveryId: string, version: number): Promise<StepsDone> {
  const row = await trx
    .selectFrom('rollCallVersions')
    .select('stepsReported')
    .where('deliveryId', '=', deliveryId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row?.stepsReported) return null;
  const steps = await trx
    .selectFrom('deliverySteps')
    .select('stepIndex')
    .where('deliveryId', '=', deliveryId)
    .where('version', '=', version)
    .orderBy('stepIndex')
    .execute();
  return steps.map((s) => s.stepIndex);
}

/** Stores a version's steps (its roll_call_versions row says whether any were reported). */
export async function writeSteps(trx: Trx, deliveryId: string, version: number, steps: StepsDone): Promise<void> {
  if (!steps?.length) return;
  await trx
    .insertInto('deliverySteps')
    .values([...steps].sort((a, b) => a - b).map((stepIndex) => ({ deliveryId, version, stepIndex })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** A resend whose steps are not those stored: like any other content difference, a conflict. */
export const stepsConflict = (deliveryId: string, version: number) =>
  new ApiError(
    'conflict',
    `Roll call ${deliveryId} is stored with other steps done (version ${version}). Send a correction to change them.`,
    {
      field: 'stepsDone',
      rule: 'delivery.steps_conflict',
      params: { version },
      extra: { storedId: deliveryId, version },
    },
  );
