import { endCookieSession, revokeToken } from './api.ts';
import { deleteRevocation, pendingRevocations, putRevocation } from './store.ts';

/**
 * Sign-out on a phone without signal must still end the token on the server, or a lost phone
 * keeps a 30-day key to the roster. The note is written BEFORE the first try, so closing the
 * page mid-request loses nothing; it is deleted only once the server has answered.
 */
export async function revokeOnServer(token: string): Promise<void> {
  await putRevocation({ id: crypto.randomUUID(), token, cookieToo: true, savedAt: new Date().toISOString() });
  await sendRevocations();
}

let sending: Promise<void> | undefined;

/** Tries every waiting revocation once; what cannot reach the server now stays for next time. */
export function sendRevocations(): Promise<void> {
  sending ??= (async () => {
    for (const note of await pendingRevocations()) {
      if (!(await revokeToken(note.token))) return;
      // The cookie of that sign-in, if this browser still has it (no one has signed in since).
      if (note.cookieToo && !(await endCookieSession())) return;
      await deleteRevocation(note.id);
    }
  })().finally(() => (sending = undefined));
  return sending;
}

/** A new sign-in replaces the browser's cookie: older notes must not end the new session. */
export async function forgetPendingCookies(): Promise<void> {
  // A send already under way read the old flags: let it finish first.
  await sending;
  for (const note of await pendingRevocations()) if (note.cookieToo) await putRevocation({ ...note, cookieToo: false });
}
