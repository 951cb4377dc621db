import { contracts } from '../../api/v1/contracts.ts';
import { deactivateUser, reactivateUser, unlockUser } from '../../attendance/auth/account.service.ts';
import { issueSetupCode } from '../../attendance/auth/setup.service.ts';
import { errorStatus } from '../../attendance/errors.ts';
import {
  assignFacilitator,
  createBank,
  createRegion,
  createUser,
  listBanks,
  listRegions,
  listUsers,
} from '../../attendance/organisation/organisation.service.ts';
import type { OfficeContext } from '../context.ts';
import { perform, type OfficeError, type Outcome } from '../perform.ts';

/**
 * The admin's set-up page (/oficina/organizacion/): regions, banks and user accounts. Every
 * form posts here and runs the API's own action under its contract (perform). What succeeded is
 * answered with a 303 to the page, so a reload does not post again; the one exception is a new
 * set-up code, which is shown in the answer to the post itself and nowhere else (not in a URL,
 * a cookie or the database).
 */

export type Account = Awaited<ReturnType<typeof listUsers>>[number];
export interface OrganisationView {
  regions: Awaited<ReturnType<typeof listRegions>>;
  banks: Awaited<ReturnType<typeof listBanks>>;
  users: Account[];
}

/** A set-up code to show once, and whose it is. */
export interface ShownCode {
  displayName: string;
  email: string;
  code: string;
  expiresAt: string;
  /** A new account (true) or a new code for an existing one (false): the page says which. */
  isNew: boolean;
}

export type Notice = { kind: 'done'; message: string } | { kind: 'error'; error: OfficeError };

export interface OrganisationState {
  view: OrganisationView;
  notice?: Notice;
  shown?: ShownCode;
  /** The form that failed and what was typed into it, so nothing has to be typed again. */
  refill?: { form: string; values: Record<string, string> };
  /** The account the admin is asked to confirm deactivating. */
  confirm?: Account;
}

/** What a redirect after a form says, by key (`?hecho=`); the id names what it was about. */
const doneKeys = ['region', 'bank', 'assigned', 'unassigned', 'unlocked', 'deactivated', 'reactivated'] as const;
type DoneKey = (typeof doneKeys)[number];

const value = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
};

async function readView(ctx: OfficeContext): Promise<OrganisationView> {
  const principal = ctx.principal;
  if (!principal) return { regions: [], banks: [], users: [] };
  const [regions, banks, users] = await Promise.all([
    listRegions(ctx.db, principal),
    listBanks(ctx.db, principal),
    listUsers(ctx.db, principal),
  ]);
  return { regions, banks, users };
}

/** Runs the posted form, if any, and reads what the page shows. Answers a redirect after a change. */
export async function organisationPage(ctx: OfficeContext): Promise<Response | OrganisationState> {
  const form = ctx.form;
  if (form && ctx.principal?.role === 'admin') {
    const answer = await handleForm(ctx, form);
    if (answer instanceof Response) return answer;
    const view = await readView(ctx);
    if ('error' in answer) {
      ctx.astro.response.status = errorStatus[answer.error.code];
      return { view, notice: { kind: 'error', error: answer.error }, refill: answer.refill };
    }
    return { view, shown: answer.shown };
  }
  const view = await readView(ctx);
  const params = ctx.astro.url.searchParams;
  const confirmId = params.get('desactivar');
  const confirm = confirmId ? view.users.find((u) => u.id === confirmId && u.state !== 'deactivated') : undefined;
  return { view, notice: doneNotice(ctx, view, params.get('hecho'), params.get('id')), confirm };
}

function doneNotice(
  ctx: OfficeContext,
  view: OrganisationView,
  key: string | null,
  id: string | null,
): Notice | undefined {
  if (!key || !(doneKeys as readonly string[]).includes(key)) return undefined;
  const nameOf = (list: { id: string; name?: string; displayName?: string }[], of: string | null | undefined) => {
    const found = list.find((x) => x.id === of);
    return found?.name ?? found?.displayName ?? '';
  };
  const bank = view.banks.find((b) => b.id === id);
  const name = nameOf(
    key === 'region'
      ? view.regions
      : key === 'bank' || key === 'assigned' || key === 'unassigned'
        ? view.banks
        : view.users,
    id,
  );
  return {
    kind: 'done',
    message: ctx.t(`office.setup.done.${key as DoneKey}`, { name, person: nameOf(view.users, bank?.facilitatorId) }),
  };
}

type FormAnswer =
  Response | { shown?: ShownCode } | { error: OfficeError; refill?: { form: string; values: Record<string, string> } };

async function handleForm(ctx: OfficeContext, form: FormData): Promise<FormAnswer> {
  const { db, address } = ctx;
  // Back to the top of the page, where the frame says what was done (a status message).
  const done = (key: DoneKey, id: string) =>
    ctx.astro.redirect(`${ctx.astro.url.pathname}?${new URLSearchParams({ hecho: key, id })}`, 303);
  const refillOf = (name: string, fields: string[]) => ({
    form: name,
    values: Object.fromEntries(fields.map((f) => [f, value(form, f) ?? ''])),
  });
  const failed = <R>(outcome: Outcome<R>, refill?: { form: string; values: Record<string, string> }) =>
    outcome.ok ? undefined : { error: outcome.error, refill };

  switch (form.get('action')) {
    case 'new-region': {
      const outcome = await perform(
        ctx,
        contracts.createRegion,
        { body: { code: value(form, 'code'), name: value(form, 'name') } },
        ({ principal, body }) => createRegion(db, principal, body, address),
      );
      return outcome.ok
        ? done('region', outcome.value.id)
        : (failed(outcome, refillOf('new-region', ['code', 'name'])) as FormAnswer);
    }
    case 'new-bank': {
      const body = {
        code: value(form, 'code'),
        name: value(form, 'name'),
        regionId: value(form, 'regionId'),
        facilitatorId: value(form, 'facilitatorId') ?? null,
      };
      const outcome = await perform(ctx, contracts.createBank, { body }, ({ principal, body }) =>
        createBank(db, principal, body, address),
      );
      return outcome.ok
        ? done('bank', outcome.value.id)
        : (failed(outcome, refillOf('new-bank', ['code', 'name', 'regionId', 'facilitatorId'])) as FormAnswer);
    }
    case 'assign-bank': {
      const facilitatorId = value(form, 'facilitatorId') ?? null;
      const outcome = await perform(
        ctx,
        contracts.assignBankFacilitator,
        { params: { bankId: value(form, 'bankId') }, body: { facilitatorId } },
        ({ principal, params, body }) => assignFacilitator(db, principal, params.bankId, body.facilitatorId, address),
      );
      return outcome.ok
        ? done(facilitatorId ? 'assigned' : 'unassigned', outcome.value.id)
        : (failed(outcome, refillOf('assign-bank', ['bankId', 'facilitatorId'])) as FormAnswer);
    }
    case 'new-user': {
      // No password: the server makes her a set-up code, and she chooses her own password with it.
      const body = {
        displayName: value(form, 'displayName'),
        email: value(form, 'email'),
        role: value(form, 'role'),
        regionId: value(form, 'regionId'),
      };
      const outcome = await perform(ctx, contracts.createUser, { body }, ({ principal, body }) =>
        createUser(db, principal, body, address),
      );
      if (!outcome.ok || !outcome.value.setupCode)
        return failed(outcome, refillOf('new-user', ['displayName', 'email', 'role', 'regionId'])) as FormAnswer;
      const { user, setupCode } = outcome.value;
      return { shown: { displayName: user.displayName, email: user.email, ...setupCode, isNew: true } };
    }
    case 'new-code': {
      const userId = value(form, 'userId');
      const outcome = await perform(ctx, contracts.issueSetupCode, { params: { userId } }, ({ principal, params }) =>
        issueSetupCode(db, principal, params.userId, address),
      );
      if (!outcome.ok) return { error: outcome.error };
      const user = (await listUsers(db, ctx.principal!)).find((u) => u.id === userId);
      return {
        shown: {
          displayName: user?.displayName ?? '',
          email: user?.email ?? '',
          ...outcome.value.setupCode,
          isNew: false,
        },
      };
    }
    case 'unlock':
    case 'deactivate':
    case 'reactivate': {
      const action = form.get('action') as 'unlock' | 'deactivate' | 'reactivate';
      const userId = value(form, 'userId');
      const run = {
        unlock: [contracts.unlockUser, unlockUser, 'unlocked'],
        deactivate: [contracts.deactivateUser, deactivateUser, 'deactivated'],
        reactivate: [contracts.reactivateUser, reactivateUser, 'reactivated'],
      } as const;
      const [contract, service, key] = run[action];
      // The three answer different shapes; the page needs only to know that it worked.
      const outcome = await perform(
        ctx,
        contract,
        { params: { userId } },
        ({ principal, params }) => service(db, principal, params.userId, address) as Promise<unknown>,
      );
      return outcome.ok ? done(key, userId ?? '') : { error: outcome.error };
    }
    default:
      return { error: { code: 'invalid_request', message: ctx.t('office.form.unreadable') } };
  }
}
