import { randomUUID } from 'node:crypto';
import { contracts } from '../../api/v1/contracts.ts';
import { listActivities, saveActivity } from '../../attendance/activities/activity.service.ts';
import { listBanks } from '../../attendance/organisation/organisation.service.ts';
import type { Principal } from '../../attendance/principal.ts';
import { activityTypes } from '../../curriculum/schemas/vocabulary.ts';
import type { OfficeContext } from '../context.ts';
import { perform } from '../perform.ts';
import { numberField, textField } from './fields.ts';
import type { Notice } from './workshops.ts';

/** The four counts of people reached, in the order the form and the table show them. */
export const reachedKinds = ['women', 'men', 'girls', 'boys'] as const;
/** The list shows the latest activities; the indicators page has the totals. */
export const LIST_LIMIT = 100;

export const mayRecordActivity = (p: Principal) => (contracts.saveActivity.roles as readonly string[]).includes(p.role);

/** An activity type's label in the reader's language; the vocabulary's Spanish label if nobody translated it yet. */
export const activityLabel = (ctx: Pick<OfficeContext, 't' | 'has'>, type: string) =>
  ctx.has(`office.activityType.${type}`)
    ? ctx.t(`office.activityType.${type}`)
    : (activityTypes[type as keyof typeof activityTypes] ?? type);

/**
 * The activities page: the facilitator records an activity for one of her banks; everyone reads
 * those in her scope. People reached are counts of an audience at a public event (a fair, a radio
 * spot), not records about the programme's women, so they are shown as recorded (README, "What
 * each role sees"); the activity says a place and counts, never a person.
 */
export async function activitiesPage(ctx: OfficeContext, principal: Principal) {
  const { form, t } = ctx;
  let notice: Notice | undefined;
  let failed = false;
  if (form?.get('action') === 'new-activity') {
    const body = {
      id: textField(form, 'id'),
      bankId: textField(form, 'bankId'),
      heldOn: textField(form, 'heldOn'),
      place: textField(form, 'place'),
      activityType: textField(form, 'activityType'),
      reached: Object.fromEntries(reachedKinds.map((k) => [k, numberField(form, k)])),
    };
    const outcome = await perform(ctx, contracts.saveActivity, { body }, ({ principal, body }) =>
      saveActivity(ctx.db, principal, body, ctx.address),
    );
    if (outcome.ok)
      notice = {
        kind: 'done',
        message: t(outcome.value.status === 'created' ? 'office.activities.saved' : 'office.activities.unchanged', {
          place: body.place ?? '',
        }),
      };
    else [notice, failed] = [{ kind: 'error', error: outcome.error }, true];
  }
  const [activities, banks] = await Promise.all([listActivities(ctx.db, principal, {}), listBanks(ctx.db, principal)]);
  const latest = [...activities]
    .sort((a, b) => (a.heldOn < b.heldOn ? 1 : a.heldOn > b.heldOn ? -1 : 0))
    .slice(0, LIST_LIMIT);
  return {
    notice,
    failed,
    activities: latest,
    count: activities.length,
    banks,
    writableBanks: banks.filter((b) => b.facilitatorId === principal.userId),
    newId: failed ? (textField(form, 'id') ?? randomUUID()) : randomUUID(),
  };
}
