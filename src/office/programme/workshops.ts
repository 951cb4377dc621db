import { randomUUID } from 'node:crypto';
import { contracts } from '../../api/v1/contracts.ts';
import { createWorkshop, listWorkshops, setParticipantDays } from '../../attendance/workshops/workshop.service.ts';
import { listBanks, listRegions } from '../../attendance/organisation/organisation.service.ts';
import { listMembers } from '../../attendance/members/member.service.ts';
import { readsRoster } from '../../attendance/principal.ts';
import type { Principal } from '../../attendance/principal.ts';
import type { OfficeContext } from '../context.ts';
import { perform, type OfficeError } from '../perform.ts';
import { numberField, textField } from './fields.ts';

export type Notice = { kind: 'done'; message: string } | { kind: 'error'; error: OfficeError };

/** The prefix of a woman's days field in the participants form: `days-<member id>`. */
export const DAYS_FIELD = 'days-';
/** The API takes at most this many rows at once (participantDaysBody). */
const ROWS_PER_SAVE = 200;

/** Who may do what on the workshops page: the contracts' own roles. */
export const mayCreate = (p: Principal) => (contracts.createWorkshop.roles as readonly string[]).includes(p.role);
export const mayRecord = (p: Principal) =>
  (contracts.setParticipantDays.roles as readonly string[]).includes(p.role) && readsRoster(p);

/**
 * Everything the workshops page shows, after handling its two forms: a new workshop (the admin
 * and the coordinator organise them), and the days each woman of one bank attended (the admin,
 * or the women's own facilitator). Both run under the API's contracts through perform().
 */
export async function workshopsPage(ctx: OfficeContext, principal: Principal) {
  const { t, form } = ctx;
  const action = form?.get('action');
  let notice: Notice | undefined;
  let failed: 'new-workshop' | 'participants' | undefined;

  if (action === 'new-workshop') {
    const title = textField(form, 'title');
    const outcome = await perform(
      ctx,
      contracts.createWorkshop,
      {
        body: {
          id: textField(form, 'id'),
          regionId: textField(form, 'regionId'),
          title,
          startsOn: textField(form, 'startsOn'),
          days: numberField(form, 'days'),
          place: textField(form, 'place'),
        },
      },
      ({ principal, body }) => createWorkshop(ctx.db, principal, body, ctx.address),
    );
    if (outcome.ok)
      notice = {
        kind: 'done',
        message: t(outcome.value.status === 'created' ? 'office.workshops.created' : 'office.workshops.unchanged', {
          title: title ?? '',
        }),
      };
    else [notice, failed] = [{ kind: 'error', error: outcome.error }, 'new-workshop'];
  }

  const url = ctx.astro.url;
  const workshopId = textField(form, 'workshopId') ?? url.searchParams.get('taller') ?? undefined;
  const bankId = textField(form, 'bankId') ?? url.searchParams.get('banco') ?? undefined;
  const [workshops, regions, banks] = await Promise.all([
    listWorkshops(ctx.db, principal),
    listRegions(ctx.db, principal),
    mayRecord(principal) ? listBanks(ctx.db, principal) : Promise.resolve([]),
  ]);
  const workshop = workshops.find((w) => w.id === workshopId);
  const bank = banks.find((b) => b.id === bankId);
  const sameRegion = Boolean(workshop && bank && workshop.regionId === bank.regionId);
  const rosterOutcome =
    mayRecord(principal) && workshop && bank && sameRegion
      ? await perform(ctx, contracts.listMembers, { params: { bankId: bank.id } }, ({ principal, params }) =>
          listMembers(ctx.db, principal, params.bankId),
        )
      : undefined;
  const roster = rosterOutcome?.ok ? rosterOutcome.value : [];

  if (action === 'participants' && workshop && rosterOutcome?.ok) {
    // Only the women whose field was filled in: a blank field leaves her record as it is.
    const typed = roster.flatMap((m) => {
      const days = numberField(form, DAYS_FIELD + m.id);
      return days === undefined ? [] : [{ memberId: m.id, daysAttended: days }];
    });
    if (!typed.length) {
      [notice, failed] = [
        { kind: 'error', error: { code: 'invalid_request', message: t('office.participants.none') } },
        'participants',
      ];
    } else {
      let saved = 0;
      for (let start = 0; start < typed.length && !failed; start += ROWS_PER_SAVE) {
        const part = typed.slice(start, start + ROWS_PER_SAVE);
        const outcome = await perform(
          ctx,
          contracts.setParticipantDays,
          { params: { workshopId: workshop.id }, body: { participants: part } },
          ({ principal, params, body }) => setParticipantDays(ctx.db, principal, params.workshopId, body, ctx.address),
        );
        if (outcome.ok) saved += outcome.value.saved;
        else {
          // Say which woman each bad row is about: the API numbers rows, the reader knows names.
          const who = (row: number) => roster.find((m) => m.id === part[row]?.memberId);
          const rows = outcome.error.rows?.map((r) => ({
            ...r,
            message: `${who(r.row)?.displayName ?? ''} (${who(r.row)?.memberCode ?? ''}): ${r.message}`,
          }));
          const message =
            outcome.error.field && !rows
              ? `${who(Number(/\[(\d+)\]/.exec(outcome.error.field)?.[1] ?? -1))?.displayName ?? ''} ${outcome.error.message}`.trim()
              : outcome.error.message;
          [notice, failed] = [{ kind: 'error', error: { ...outcome.error, message, rows } }, 'participants'];
        }
      }
      if (!failed)
        notice = {
          kind: 'done',
          message: t('office.participants.saved', { count: ctx.number(saved), title: workshop.title }),
        };
    }
  }

  return {
    notice,
    failed,
    workshops,
    regions,
    banks,
    workshop,
    bank,
    sameRegion,
    roster,
    rosterError: rosterOutcome && !rosterOutcome.ok ? rosterOutcome.error : undefined,
    /** A new id for the next workshop; the same one again after a refusal, so a corrected resend is one workshop. */
    newWorkshopId: failed === 'new-workshop' ? (textField(form, 'id') ?? randomUUID()) : randomUUID(),
  };
}
