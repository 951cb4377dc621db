import { randomUUID } from 'node:crypto';
import { contracts } from '../../api/v1/contracts.ts';
import { errorStatus } from '../../attendance/errors.ts';
import { listBanks } from '../../attendance/organisation/organisation.service.ts';
import { readsRoster } from '../../attendance/principal.ts';
import {
  editMember,
  eraseMember,
  listMembers,
  reinstateMember,
  saveMembers,
  withdrawMember,
} from '../../attendance/members/member.service.ts';
import type { OfficeContext } from '../context.ts';
import { perform, type OfficeError, type Outcome } from '../perform.ts';

export type Notice = { kind: 'done'; message: string } | { kind: 'error'; error: OfficeError };

/** What a roster page shows after a form: a notice, and the values posted (to fill the form again). */
export interface ActionResult {
  notice: Notice;
  /** Which form failed, so that it opens again with what was typed. */
  form: string;
  posted: Record<string, string>;
}

/** The notices a redirect after a saved form names (`?hecho=`): keys, never personal data. */
export const doneKeys = ['added', 'edited', 'withdrawn', 'reinstated', 'erased', 'imported'] as const;

const field = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
};

/** The roster page's URL for a bank, with a notice key after a saved form. */
export function rosterUrl(ctx: OfficeContext, bankId: string, extra: Record<string, string> = {}) {
  return `${ctx.href('/oficina/socias/')}?${new URLSearchParams({ bankId, ...extra })}`;
}

/** The answer to a refused form: the API's status (422, 409, 404 …) and the form's values. */
export function refused<R>(
  ctx: OfficeContext,
  outcome: Outcome<R> & { ok: false },
  form: string,
  posted: Record<string, string>,
): ActionResult {
  ctx.astro.response.status = errorStatus[outcome.error.code];
  return { notice: { kind: 'error', error: outcome.error }, form, posted };
}

/**
 * Handles the roster page's forms through the API's own contracts and services: add a member,
 * correct her, record or undo a baja, erase her. A saved form redirects (303) to the list, so a
 * reload does not post again; a refused one answers with the sentence and the typed values.
 */
export async function rosterAction(ctx: OfficeContext): Promise<Response | ActionResult | undefined> {
  const form = ctx.form;
  if (!form || !ctx.principal) return undefined;
  const action = field(form, 'action');
  const bankId = field(form, 'bankId');
  const memberId = field(form, 'memberId');
  const posted = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')) as Record<
    string,
    string
  >;
  const done = (key: (typeof doneKeys)[number]) => ctx.astro.redirect(rosterUrl(ctx, bankId, { hecho: key }), 303);
  const ask = async <R>(outcome: Promise<Outcome<R>>, key: (typeof doneKeys)[number], formName: string) => {
    const result = await outcome;
    return result.ok ? done(key) : refused(ctx, result, formName, posted);
  };
  switch (action) {
    case 'add': {
      // The id is made here, once per form: the same code sent twice is refused as taken, not stored twice.
      const member = {
        id: randomUUID(),
        memberCode: field(form, 'memberCode'),
        displayName: field(form, 'displayName'),
        enrolledOn: field(form, 'enrolledOn'),
      };
      return ask(
        perform(ctx, contracts.saveMembers, { params: { bankId }, body: { members: [member] } }, (i) =>
          saveMembers(ctx.db, i.principal, i.params.bankId, i.body.members, ctx.address),
        ),
        'added',
        'new-member',
      );
    }
    case 'edit': {
      const body = {
        memberCode: field(form, 'memberCode'),
        displayName: field(form, 'displayName'),
        enrolledOn: field(form, 'enrolledOn'),
      };
      return ask(
        perform(ctx, contracts.editMember, { params: { memberId }, body }, (i) =>
          editMember(ctx.db, i.principal, i.params.memberId, i.body, ctx.address),
        ),
        'edited',
        'edit-member',
      );
    }
    case 'withdraw':
      return ask(
        perform(
          ctx,
          contracts.withdrawMember,
          { params: { memberId }, body: { withdrawnOn: field(form, 'withdrawnOn') } },
          (i) => withdrawMember(ctx.db, i.principal, i.params.memberId, i.body.withdrawnOn, ctx.address),
        ),
        'withdrawn',
        'withdraw-member',
      );
    case 'reinstate':
      return ask(
        perform(ctx, contracts.reinstateMember, { params: { memberId } }, (i) =>
          reinstateMember(ctx.db, i.principal, i.params.memberId, ctx.address),
        ),
        'reinstated',
        'reinstate-member',
      );
    case 'erase':
      return ask(
        perform(ctx, contracts.eraseMember, { params: { memberId } }, (i) =>
          eraseMember(ctx.db, i.principal, i.params.memberId, ctx.address),
        ),
        'erased',
        'erase-member',
      );
    default:
      return undefined;
  }
}

/**
 * The banks the reader keeps a roster of (a facilitator: hers; the admin: every bank of the
 * organisation), the one chosen (`?bankId=`, or the only one), and its roster.
 */
export async function rosterState(ctx: OfficeContext) {
  const principal = ctx.principal;
  if (!principal || !readsRoster(principal)) return { allowed: false as const };
  const banks = await listBanks(ctx.db, principal);
  const asked =
    ctx.astro.url.searchParams.get('bankId') ??
    (typeof ctx.form?.get('bankId') === 'string' ? String(ctx.form?.get('bankId')) : null);
  const bank = banks.find((b) => b.id === asked) ?? (asked ? undefined : banks.length === 1 ? banks[0] : undefined);
  const listed = bank
    ? await perform(ctx, contracts.listMembers, { params: { bankId: bank.id } }, (i) =>
        listMembers(ctx.db, i.principal, i.params.bankId),
      )
    : undefined;
  return {
    allowed: true as const,
    banks,
    bank,
    /** A bank asked for that is not the reader's: said as "not found", as the API does. */
    unknownBank: Boolean(asked && !bank),
    members: listed?.ok ? listed.value : [],
  };
}

/** The notice of a redirect after a saved form (`?hecho=imported&n=40`), in the reader's words. */
export function doneNotice(ctx: OfficeContext): Notice | undefined {
  const key = ctx.astro.url.searchParams.get('hecho');
  if (!key || !(doneKeys as readonly string[]).includes(key)) return undefined;
  const count = Number(ctx.astro.url.searchParams.get('n') ?? 0);
  return {
    kind: 'done',
    message: ctx.t(`office.roster.done.${key}`, { count: ctx.number(Number.isFinite(count) ? count : 0) }),
  };
}

/** Today as a date input wants it (the server's UTC day; the API allows up to the latest day on Earth). */
export const today = () => new Date().toISOString().slice(0, 10);
