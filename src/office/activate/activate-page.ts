import { contracts } from '../../api/v1/contracts.ts';
import { SESSION_COOKIE } from '../../attendance/auth/auth.service.ts';
import { sessionCookieOptions } from '../../attendance/auth/session-cookie.ts';
import { activateAccount } from '../../attendance/auth/setup.service.ts';
import { errorStatus } from '../../attendance/errors.ts';
import type { OfficeContext } from '../context.ts';
import { perform, type OfficeError } from '../perform.ts';

export interface ActivateState {
  error?: OfficeError;
  /** Her e-mail again after a refusal (never the code or the passwords). */
  email?: string;
}

const value = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' && v !== '' ? v : undefined;
};

/**
 * A new user's first sign-in (/oficina/activar/): her e-mail, the set-up code the admin gave
 * her and the password she chooses, twice. Through the API's own action (POST /auth/setup):
 * the same throttle, the same one use. Signed in, she goes to the office's home page.
 */
export async function activatePage(ctx: OfficeContext): Promise<Response | ActivateState> {
  const form = ctx.form;
  if (!form || form.get('action') !== 'activate') return {};
  const email = value(form, 'email')?.trim();
  const newPassword = value(form, 'newPassword');
  const refuse = (error: OfficeError): ActivateState => {
    ctx.astro.response.status = errorStatus[error.code];
    return { error, email };
  };
  // Checked here, not by the API: typing it twice is about her fingers, not about the account.
  if (newPassword !== value(form, 'newPasswordAgain'))
    return refuse({
      code: 'invalid_request',
      field: 'newPasswordAgain',
      message: ctx.t('office.setup.activate.mismatch'),
    });
  const outcome = await perform(
    ctx,
    contracts.setUpAccount,
    { body: { email, setupCode: value(form, 'setupCode'), newPassword } },
    ({ body }) => activateAccount(ctx.db, { ...body, address: ctx.address }),
  );
  if (!outcome.ok) return refuse(outcome.error);
  const { token } = outcome.value;
  ctx.astro.cookies.set(SESSION_COOKIE, token.token, sessionCookieOptions(ctx.publicUrl, token.expiresAt));
  return ctx.astro.redirect(ctx.href('/oficina/'), 303);
}
