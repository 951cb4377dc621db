// The attendance screen's script (the only JavaScript of /asistencia/ besides the site's own):
// sign in, pick bank, session and date, one tap per member, save to the phone, send when there is
// signal. Names are written into the page with textContent only, and kept on the phone only
// while the facilitator is signed in.
import { strings } from '../strings.ts';
import { listBanks, listMembers, NoConnection, Refusal, signIn } from './api.ts';
import { forgetPendingCookies, revokeOnServer, sendRevocations } from './revocations.ts';
import {
  cachedBanks,
  cachedRoster,
  currentAccount,
  deleteQueued,
  forgetAccount,
  putQueued,
  queued,
  queuedFor,
  saveAccount,
  saveBanks,
  saveRoster,
  type Account,
  type Bank,
  type Member,
  type QueuedRollCall,
  type Roster,
} from './store.ts';
import { syncQueue } from './sync.ts';

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector) as T;
const ui = {
  root: $<HTMLElement>('.field-attendance'),
  signInForm: $<HTMLFormElement>('#sign-in'),
  signInMessage: $<HTMLElement>('#sign-in-message'),
  roll: $<HTMLElement>('#roll'),
  account: $<HTMLElement>('#account-name'),
  roleNote: $<HTMLElement>('#role-note'),
  signOut: $<HTMLButtonElement>('#sign-out'),
  rollForm: $<HTMLFormElement>('#roll-form'),
  bank: $<HTMLSelectElement>('#bank'),
  session: $<HTMLSelectElement>('#session'),
  date: $<HTMLInputElement>('#date'),
  rosterNote: $<HTMLElement>('#roster-note'),
  count: $<HTMLElement>('#present-count'),
  roster: $<HTMLOListElement>('#roster'),
  save: $<HTMLButtonElement>('#save'),
  saveMessage: $<HTMLElement>('#save-message'),
  print: $<HTMLButtonElement>('#print'),
  printNames: $<HTMLInputElement>('#print-names'),
  queueList: $<HTMLUListElement>('#queue'),
  syncNote: $<HTMLElement>('#sync-note'),
  retry: $<HTMLButtonElement>('#retry'),
  paperTitle: $<HTMLElement>('#paper-title'),
  paperRows: $<HTMLTableSectionElement>('#paper-rows'),
};

let account: Account | undefined;
let banks: Bank[] = [];
let roster: Roster | undefined;
/** The entry already saved for the chosen bank, session and date, if any. */
let existing: QueuedRollCall | undefined;
const present = new Set<string>();
let dirty = false;

const today = () => new Date().toLocaleDateString('en-CA');
const shortDate = (iso: string) => new Date(iso).toLocaleString('es', { dateStyle: 'short', timeStyle: 'short' });
/** A meeting date (YYYY-MM-DD) as the facilitator writes it: 12/05/2026. */
const meetingDate = (day: string) => (/^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T12:00:00`).toLocaleDateString('es', { day: '2-digit', month: '2-digit', year: 'numeric' }) : day);
const say = (el: HTMLElement, text: string) => void (el.textContent = text);

async function start() {
  ui.date.value ||= today();
  // /asistencia/?sesion=<id>: a session page can send her here with its session chosen.
  const wanted = new URLSearchParams(location.search).get('sesion');
  if (wanted && [...ui.session.options].some((o) => o.value === wanted)) ui.session.value = wanted;
  account = await currentAccount();
  await renderQueue();
  await showAccount();
  if (account) void sync();
  void sendRevocations();
}

async function showAccount() {
  ui.root.dataset.state = account ? 'signed-in' : 'signed-out';
  ui.signInForm.hidden = Boolean(account);
  ui.roll.hidden = !account;
  if (!account) {
    banks = [];
    ui.bank.replaceChildren();
    return clearRoster();
  }
  say(ui.account, strings.signIn.signedInAs(account.user.displayName));
  // Only a bank's own facilitator takes its roll call (the API refuses anyone else).
  const facilitator = account.user.role === 'facilitator';
  ui.roleNote.hidden = facilitator;
  ui.rollForm.hidden = !facilitator;
  if (facilitator) await loadBanks();
}

async function loadBanks() {
  if (!account) return;
  try {
    banks = await listBanks(account.token);
    await saveBanks(account.user.id, banks);
  } catch (error) {
    if (await signedOutBy(error)) return;
    banks = (await cachedBanks(account.user.id)) ?? [];
  }
  const chosen = ui.bank.value;
  ui.bank.replaceChildren(...banks.map((b) => new Option(`${b.code} · ${b.name}`, b.id)));
  if (banks.some((b) => b.id === chosen)) ui.bank.value = chosen;
  await loadRoster();
}

async function loadRoster() {
  const bankId = ui.bank.value;
  if (!account || !bankId) return clearRoster();
  const userId = account.user.id;
  const cached = await cachedRoster(userId, bankId);
  if (cached) showRoster(cached, strings.roster.savedCopy(shortDate(cached.fetchedAt)));
  else say(ui.rosterNote, strings.roster.loading);
  try {
    const members = await listMembers(account.token, bankId);
    const fresh: Roster = {
      bankId,
      userId,
      members: members.map((m) => ({ id: m.id, memberCode: m.memberCode, displayName: m.displayName ?? '' })),
      fetchedAt: new Date().toISOString(),
    };
    // The choice may have changed while the answer travelled.
    if (ui.bank.value !== bankId || account?.user.id !== userId) return;
    await saveRoster(fresh);
    showRoster(fresh, fresh.members.length ? '' : strings.roster.empty);
  } catch (error) {
    if (await signedOutBy(error)) return;
    if (!cached) {
      clearRoster();
      say(ui.rosterNote, error instanceof NoConnection ? strings.roster.offlineNoCopy : strings.sync.serverDown);
    }
  }
}

function showRoster(next: Roster, note: string) {
  roster = next;
  say(ui.rosterNote, note);
  void matchSaved();
}

function clearRoster() {
  roster = undefined;
  existing = undefined;
  present.clear();
  dirty = false;
  ui.roster.replaceChildren();
  ui.paperRows.replaceChildren();
  say(ui.count, '');
  say(ui.rosterNote, '');
}

/** Brings back what was saved for this bank, session and date, so a roll call is never taken twice. */
async function matchSaved() {
  if (!roster) return;
  const key = { bankId: roster.bankId, sessionId: ui.session.value, deliveredOn: ui.date.value };
  existing = key.sessionId && key.deliveredOn ? await queuedFor(key) : undefined;
  if (existing?.userId !== account?.user.id) existing = undefined;
  if (!dirty) {
    present.clear();
    for (const r of existing?.records ?? []) if (r.present) present.add(r.memberId);
  }
  renderRoster();
}

/** A sent (or conflicting) roll call is final on the phone: the server has its own copy. */
const locked = () => existing?.status === 'sent' || existing?.status === 'conflict';

function renderRoster() {
  if (!roster) return;
  const readOnly = locked();
  ui.roster.replaceChildren(
    ...roster.members.map((m) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'member';
      button.dataset.memberId = m.id;
      button.setAttribute('aria-pressed', String(present.has(m.id)));
      button.disabled = readOnly;
      const code = document.createElement('span');
      code.className = 'code';
      code.textContent = m.memberCode;
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = m.displayName;
      const mark = document.createElement('span');
      mark.className = 'mark';
      mark.setAttribute('aria-hidden', 'true');
      button.append(code, name, mark);
      item.append(button);
      return item;
    }),
  );
  ui.save.disabled = readOnly || !roster.members.length;
  renderSaveState();
  renderCount();
  renderPaper(roster.members);
}

/** Under the save button: what is true of this roll call now, whatever happened last. */
function renderSaveState() {
  const text =
    existing?.status === 'sent'
      ? strings.roster.alreadySent
      : existing?.status === 'conflict'
        ? (existing.problem ?? strings.sync.conflict)
        : dirty
          ? strings.roster.unsaved
          : existing?.status === 'refused'
            ? (existing.problem ?? strings.sync.refused)
            : existing
              ? strings.save.done
              : '';
  say(ui.saveMessage, text);
}

function renderCount() {
  say(ui.count, roster ? strings.roster.count(present.size, roster.members.length) : '');
}

function toggle(button: HTMLButtonElement) {
  const id = button.dataset.memberId;
  if (!id || button.disabled) return;
  const on = !present.has(id);
  if (on) present.add(id);
  else present.delete(id);
  button.setAttribute('aria-pressed', String(on));
  dirty = true;
  renderSaveState();
  renderCount();
}

/** The same roster as a paper list: codes in the same order, a blank column to tick. */
function renderPaper(members: Member[]) {
  const bank = banks.find((b) => b.id === roster?.bankId);
  const session = ui.session.selectedOptions[0]?.textContent ?? '';
  say(ui.paperTitle, [bank ? `${bank.code} · ${bank.name}` : '', session.trim(), meetingDate(ui.date.value)].filter(Boolean).join(' — '));
  ui.paperRows.replaceChildren(
    ...members.map((m, i) => {
      const row = document.createElement('tr');
      for (const [cls, text] of [['n', String(i + 1)], ['code', m.memberCode], ['name', m.displayName], ['tick', '']] as const) {
        const cell = document.createElement('td');
        cell.className = cls;
        cell.textContent = text;
        row.append(cell);
      }
      return row;
    }),
  );
}

async function saveRollCall(): Promise<void> {
  if (!account || !roster || locked()) return;
  const bank = banks.find((b) => b.id === roster?.bankId);
  const sessionOption = ui.session.selectedOptions[0];
  if (!ui.session.value || !sessionOption) return say(ui.saveMessage, strings.save.needSession);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(ui.date.value)) return say(ui.saveMessage, strings.save.needDate);
  if (!bank || !roster.members.length) return say(ui.saveMessage, strings.save.needRoster);
  const recordIds = new Map(existing?.records.map((r) => [r.memberId, r.id]));
  const deliveryId = existing?.delivery.id ?? crypto.randomUUID();
  const entry: QueuedRollCall = {
    id: deliveryId,
    userId: account.user.id,
    delivery: { id: deliveryId, bankId: bank.id, sessionId: ui.session.value, deliveredOn: ui.date.value },
    bankCode: bank.code,
    sessionTitle: sessionOption.textContent?.trim() ?? '',
    // Codes and ids only: the queue outlives a sign-out, names must not.
    records: roster.members.map((m) => ({ id: recordIds.get(m.id) ?? crypto.randomUUID(), memberId: m.id, memberCode: m.memberCode, present: present.has(m.id) })),
    savedAt: new Date().toISOString(),
    status: 'pending',
    attempts: existing?.attempts ?? 0,
  };
  await putQueued(entry);
  existing = entry;
  dirty = false;
  renderSaveState();
  await renderQueue();
  void sync();
}

async function renderQueue() {
  const entries = await queued();
  ui.queueList.replaceChildren(
    ...entries.map((e) => {
      const item = document.createElement('li');
      item.className = `queued status-${e.status}`;
      item.dataset.delivery = e.id;
      item.dataset.status = e.status;
      const line = document.createElement('span');
      const presentCount = e.records.filter((r) => r.present).length;
      line.textContent = strings.queue.line(e.sessionTitle, meetingDate(e.delivery.deliveredOn), e.bankCode, presentCount, e.records.length);
      const status = document.createElement('strong');
      status.className = 'status';
      const mine = e.userId === account?.user.id;
      status.textContent = e.status === 'pending' && account && !mine ? strings.status.otherAccount : strings.status[e.status];
      item.append(status, line);
      // "No signal" is said once for the whole list, above it; other problems belong to their record.
      if (e.problem && e.status !== 'sent' && e.problem !== strings.sync.offline) {
        const problem = document.createElement('p');
        problem.className = 'problem';
        problem.textContent = e.problem;
        item.append(problem);
      }
      if (e.status === 'conflict' || e.status === 'refused') {
        const discard = document.createElement('button');
        discard.type = 'button';
        discard.className = 'discard';
        discard.textContent = 'Quitar del teléfono';
        discard.addEventListener('click', async () => {
          if (!confirm(strings.sync.discardConfirm)) return;
          await deleteQueued(e.id);
          await renderQueue();
          await matchSaved();
        });
        item.append(discard);
      }
      return item;
    }),
  );
  if (!entries.length) say(ui.syncNote, strings.queue.empty);
  ui.retry.hidden = !entries.some((e) => e.status === 'pending');
}

let syncing: Promise<void> | undefined;
let syncAgain = false;
/** One sync at a time; a reason to sync that comes during one (the online event) runs it again after. */
function sync(): Promise<void> {
  if (syncing) {
    syncAgain = true;
    return syncing;
  }
  syncing = (async () => {
    ui.root.dataset.sync = 'sending';
    do {
      syncAgain = false;
      await syncOnce();
    } while (syncAgain);
  })().finally(() => {
    ui.root.dataset.sync = 'idle';
    syncing = undefined;
  });
  return syncing;
}

async function syncOnce() {
  const outcome = await syncQueue(() => void renderQueue());
  if (outcome === 'signed-out' && account) {
    account = undefined;
    say(ui.signInMessage, strings.signIn.expired);
    await showAccount();
  }
  say(ui.syncNote, outcome === 'offline' ? strings.sync.offline : outcome === 'server-down' ? strings.sync.serverDown : outcome === 'signed-out' ? strings.sync.signInToSend : '');
  await renderQueue();
  await matchSaved();
}

/** A 401 means the token is no longer good: forget the account (and its names), keep the queue. */
async function signedOutBy(error: unknown): Promise<boolean> {
  if (!(error instanceof Refusal) || error.status !== 401) return false;
  await forgetAccount();
  account = undefined;
  say(ui.signInMessage, strings.signIn.expired);
  await showAccount();
  return true;
}

ui.signInForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(ui.signInForm);
  const submit = ui.signInForm.querySelector('button');
  if (submit) submit.disabled = true;
  try {
    await forgetPendingCookies();
    const { user, token, expiresAt } = await signIn(String(data.get('email')), String(data.get('password')));
    account = { user: { id: user.id, displayName: user.displayName, role: user.role }, token, expiresAt };
    await saveAccount(account);
    ui.signInForm.reset();
    say(ui.signInMessage, '');
    await showAccount();
    await renderQueue();
    void sync();
  } catch (error) {
    say(
      ui.signInMessage,
      error instanceof NoConnection
        ? strings.signIn.offline
        : error instanceof Refusal && error.status === 429
          ? strings.signIn.blocked
          : error instanceof Refusal && error.status === 503
            ? strings.signIn.busy
            : strings.signIn.failed,
    );
  } finally {
    if (submit) submit.disabled = false;
  }
});

ui.signOut.addEventListener('click', async () => {
  if (!account) return;
  const waiting = (await queued()).filter((e) => e.status === 'pending' && e.userId === account?.user.id).length;
  if (waiting && !confirm(strings.signIn.pendingOnSignOut(waiting))) return;
  const token = account.token;
  account = undefined;
  await forgetAccount();
  await forgetCachedApiAnswers();
  await showAccount();
  await renderQueue();
  // Without signal this leaves a note; the token is revoked when the connection returns.
  await revokeOnServer(token);
});

/** The service worker never caches /api, but a sign-out makes sure no other cache does either. */
async function forgetCachedApiAnswers() {
  if (!('caches' in window)) return;
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) if (new URL(request.url).pathname.includes('/api/')) await cache.delete(request);
  }
}

ui.roster.addEventListener('click', (event) => {
  const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button.member');
  if (button) toggle(button);
});
ui.bank.addEventListener('change', () => {
  dirty = false;
  void loadRoster();
});
ui.bank.addEventListener('change', () => present.clear());
// Ticks made before choosing the session or the date are kept.
for (const input of [ui.session, ui.date]) input.addEventListener('change', () => void matchSaved());
ui.rollForm.addEventListener('submit', (event) => {
  event.preventDefault();
  void saveRollCall();
});
ui.retry.addEventListener('click', () => void sync());
ui.print.addEventListener('click', () => print());
ui.printNames.addEventListener('change', () => ui.root.classList.toggle('paper-without-names', !ui.printNames.checked));
addEventListener('online', () => {
  void sendRevocations();
  void sync();
});
// The online event does not come on every flaky line: while something waits, try now and then.
setInterval(() => {
  if (document.visibilityState !== 'visible') return;
  void sendRevocations();
  if (account && !ui.retry.hidden) void sync();
}, 30_000);
addEventListener('beforeunload', (event) => {
  if (dirty) event.preventDefault();
});

void start();
