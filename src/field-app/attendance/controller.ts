// The attendance screen's flow: sign in, pick bank, session and date, one tap per member, save to
// the phone, send when there is signal. A meeting has one roll call: choosing one already taken
// (on the server, or saved on this phone) opens it, and saving a change to it is a correction,
// confirmed first and queued like a roll call. Names are kept on the phone only while the
// facilitator is signed in. This file decides and wires events; view.ts draws, state.ts remembers.
import { listBanks, listDeliveries, listMembers, NoConnection, readRollCall, Refusal, signIn } from './api.ts';
import { draftEntry } from './draft.ts';
import { findRollCall } from './meeting.ts';
import { forgetPendingCookies, revokeOnServer, sendRevocations } from './revocations.ts';
import { clearMarks, state, stepsToSend } from './state.ts';
import {
  cachedBanks,
  cachedRoster,
  currentAccount,
  deleteQueued,
  forgetAccount,
  putQueued,
  queued,
  saveAccount,
  saveBanks,
  saveRoster,
  type QueuedRollCall,
  type Roster,
} from './store.ts';
import { syncQueue } from './sync.ts';
import * as view from './view.ts';
import { pageLang, plural, t } from './words.ts';

const { ui, say } = view;
const today = () => new Date().toLocaleDateString('en-CA');
const shortDate = (iso: string) => new Date(iso).toLocaleString(pageLang(), { dateStyle: 'short', timeStyle: 'short' });

export async function start() {
  // Before anything is awaited: a tap (or a sign-in submitted) while the phone reads its store is heard.
  wire();
  ui.date.value ||= today();
  // /asistencia/?sesion=<id>: a session page can send her here with its session chosen.
  const wanted = new URLSearchParams(location.search).get('sesion');
  if (wanted && [...ui.session.options].some((o) => o.value === wanted)) ui.session.value = wanted;
  state.account = await currentAccount();
  await renderQueue();
  await showAccount();
  await openWantedDelivery();
  if (state.account) void sync();
  void sendRevocations();
}

/** /asistencia/?entrega=<id>: the office's "Corregir" link opens that roll call (after sign-in, if need be). */
async function openWantedDelivery() {
  const delivery = new URLSearchParams(location.search).get('entrega');
  if (state.account && delivery) await openDelivery(delivery);
}

/** Chooses the bank, session and date of a roll call (saved on this phone, or read from the server) and opens it. */
async function openDelivery(deliveryId: string) {
  const account = state.account;
  if (!account) return;
  const mine = (await queued()).find((e) => e.delivery.id === deliveryId && e.userId === account.user.id);
  let meeting = mine?.delivery;
  if (!meeting) {
    try {
      meeting = (await readRollCall(account.token, deliveryId)).delivery;
    } catch (error) {
      if (await signedOutBy(error)) return;
      return say(ui.rosterNote, t(error instanceof NoConnection ? 'roster.onServerOffline' : 'sync.notYourBank'));
    }
  }
  if (
    ![...ui.session.options].some((o) => o.value === meeting.sessionId) ||
    !state.banks.some((b) => b.id === meeting.bankId)
  )
    return say(ui.rosterNote, t('sync.notYourBank'));
  ui.session.value = meeting.sessionId;
  ui.date.value = meeting.deliveredOn;
  state.dirty = false;
  if (ui.bank.value !== meeting.bankId) {
    ui.bank.value = meeting.bankId;
    state.present.clear();
    await loadRoster();
  } else {
    await matchSaved();
  }
}

async function showAccount() {
  const account = state.account;
  ui.root.dataset.state = account ? 'signed-in' : 'signed-out';
  ui.signInForm.hidden = Boolean(account);
  ui.roll.hidden = !account;
  if (!account) {
    state.banks = [];
    ui.bank.replaceChildren();
    return clearRoster();
  }
  say(ui.account, t('signIn.signedInAs', { name: account.user.displayName }));
  // Only a bank's own facilitator takes its roll call (the API refuses anyone else).
  const facilitator = account.user.role === 'facilitator';
  ui.roleNote.hidden = facilitator;
  ui.rollForm.hidden = !facilitator;
  if (facilitator) await loadBanks();
}

async function loadBanks() {
  const account = state.account;
  if (!account) return;
  try {
    state.banks = await listBanks(account.token);
    await saveBanks(account.user.id, state.banks);
  } catch (error) {
    if (await signedOutBy(error)) return;
    state.banks = (await cachedBanks(account.user.id)) ?? [];
  }
  const chosen = ui.bank.value;
  ui.bank.replaceChildren(...state.banks.map((b) => new Option(view.bankLabel(b), b.id)));
  if (state.banks.some((b) => b.id === chosen)) ui.bank.value = chosen;
  await loadRoster();
}

async function loadRoster() {
  const bankId = ui.bank.value;
  const account = state.account;
  if (!account || !bankId) return clearRoster();
  const userId = account.user.id;
  const cached = await cachedRoster(userId, bankId);
  if (cached) showRoster(cached, t('roster.savedCopy', { when: shortDate(cached.fetchedAt) }));
  else say(ui.rosterNote, t('roster.loading'));
  try {
    const [members, rollCalls] = await Promise.all([
      listMembers(account.token, bankId),
      listDeliveries(account.token, bankId),
    ]);
    const fresh: Roster = {
      bankId,
      userId,
      // A woman who left the bank (a baja) is not called at new meetings; her past marks stay on the server.
      members: members
        .filter((m) => !m.withdrawnOn)
        .map((m) => ({ id: m.id, memberCode: m.memberCode, displayName: m.displayName ?? '' })),
      rollCalls: rollCalls.map((d) => ({
        id: d.id,
        sessionId: d.sessionId,
        deliveredOn: d.deliveredOn,
        version: d.version,
        correctableUntil: d.correctableUntil,
        correctable: d.correctable,
      })),
      fetchedAt: new Date().toISOString(),
    };
    // The choice may have changed while the answer travelled.
    if (ui.bank.value !== bankId || state.account?.user.id !== userId) return;
    await saveRoster(fresh);
    showRoster(fresh, fresh.members.length ? '' : t('roster.empty'));
  } catch (error) {
    if (await signedOutBy(error)) return;
    if (!cached) {
      clearRoster();
      say(ui.rosterNote, t(error instanceof NoConnection ? 'roster.offlineNoCopy' : 'sync.serverDown'));
    }
  }
}

function showRoster(next: Roster, note: string) {
  state.roster = next;
  say(ui.rosterNote, note);
  return matchSaved();
}

function clearRoster() {
  clearMarks();
  ui.roster.replaceChildren();
  ui.paperRows.replaceChildren();
  ui.steps.hidden = true;
  say(ui.count, '');
  say(ui.rosterNote, '');
}

let opening = 0;
/**
 * Opens the roll call already taken of the chosen bank, session and date, if there is one, so a
 * meeting is never taken twice: its marks are shown, and saving a change corrects it.
 */
async function matchSaved() {
  const roster = state.roster;
  if (!roster || !state.account) return;
  const key = { bankId: roster.bankId, sessionId: ui.session.value, deliveredOn: ui.date.value };
  const turn = ++opening;
  const found =
    key.sessionId && key.deliveredOn
      ? await findRollCall(key, {
          account: state.account,
          roster,
          openId: state.current?.deliveryId,
          onOpening: () => say(ui.saveMessage, t('roster.opening')),
          onError: signedOutBy,
        })
      : undefined;
  // Another choice was made while this one was read.
  if (turn !== opening || state.roster?.bankId !== key.bankId) return;
  const same = found && state.current && found.deliveryId === state.current.deliveryId;
  state.current = found;
  // Marks being changed stay; a roll call just opened shows its own.
  if (found && !(state.dirty && same)) {
    state.dirty = false;
    state.present.clear();
    for (const [id, on] of found.saved) if (on) state.present.add(id);
  } else if (!found && !state.dirty) {
    state.present.clear();
  }
  if (!state.dirty || !same) {
    // What this phone last saved of its steps; the server's copy does not say them back.
    state.stepsDone.clear();
    for (const step of found?.latest?.stepsDone ?? []) state.stepsDone.add(step);
    state.stepsTouched = false;
  }
  view.renderRoster(state);
  view.renderSteps(state);
}

function toggleStep(button: HTMLButtonElement) {
  const step = Number(button.dataset.step);
  if (!Number.isInteger(step) || button.disabled) return;
  const on = !state.stepsDone.has(step);
  if (on) state.stepsDone.add(step);
  else state.stepsDone.delete(step);
  button.setAttribute('aria-pressed', String(on));
  state.stepsTouched = true;
  state.dirty = true;
  view.renderSaveState(state);
  view.renderStepCount(state);
}

/** "Todas presentes": every woman marked; then a tap on each who did not come. */
function markAll() {
  if (!state.roster || state.current?.readOnly) return;
  for (const m of state.roster.members) state.present.add(m.id);
  for (const button of ui.roster.querySelectorAll<HTMLButtonElement>('button.member'))
    button.setAttribute('aria-pressed', 'true');
  state.dirty = true;
  view.renderSaveState(state);
  view.renderCount(state);
}

function toggle(button: HTMLButtonElement) {
  const id = button.dataset.memberId;
  if (!id || button.disabled) return;
  const on = !state.present.has(id);
  if (on) state.present.add(id);
  else state.present.delete(id);
  button.setAttribute('aria-pressed', String(on));
  state.dirty = true;
  view.renderSaveState(state);
  view.renderCount(state);
}

async function saveRollCall(): Promise<void> {
  const { account, roster } = state;
  if (!account || !roster || state.current?.readOnly) return;
  const bank = state.banks.find((b) => b.id === roster.bankId);
  const sessionOption = ui.session.selectedOptions[0];
  if (!ui.session.value || !sessionOption) return say(ui.saveMessage, t('save.needSession'));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(ui.date.value)) return say(ui.saveMessage, t('save.needDate'));
  if (!bank || !roster.members.length) return say(ui.saveMessage, t('save.needRoster'));
  const open = state.current;
  const draft = draftEntry({
    userId: account.user.id,
    bank,
    sessionId: ui.session.value,
    sessionTitle: sessionOption.textContent?.trim() ?? '',
    deliveredOn: ui.date.value,
    members: roster.members,
    present: state.present,
    steps: stepsToSend(),
    open,
  });
  if (!draft) return say(ui.saveMessage, t('save.noChanges'));
  if (open && !(await view.askToCorrect(draft.changes))) return;
  // Saved when she confirmed, not when the question opened.
  const entry: QueuedRollCall = { ...draft.entry, savedAt: new Date().toISOString() };
  await putQueued(entry);
  state.dirty = false;
  await matchSaved();
  await renderQueue();
  void sync();
}

const queueActions: view.QueueActions = {
  openStored: (storedId) => openDelivery(storedId),
  sendAgain: async (entry) => {
    await putQueued({ ...entry, status: 'pending', problem: undefined });
    await renderQueue();
    await sync();
  },
  discard: async (entry) => {
    if (!confirm(t('sync.discardConfirm'))) return;
    await deleteQueued(entry.id);
    await renderQueue();
    await matchSaved();
  },
};

async function renderQueue() {
  view.renderQueue(await queued(), state.account?.user.id, queueActions);
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
  if (outcome === 'signed-out' && state.account) {
    state.account = undefined;
    say(ui.signInMessage, t('signIn.expired'));
    await showAccount();
  }
  const note = {
    offline: 'sync.offline',
    'server-down': 'sync.serverDown',
    'signed-out': 'sync.signInToSend',
  } as const;
  say(ui.syncNote, outcome === 'done' ? '' : t(note[outcome]));
  await renderQueue();
  await matchSaved();
}

/** A 401 means the token is no longer good: forget the account (and its names), keep the queue. */
async function signedOutBy(error: unknown): Promise<boolean> {
  if (!(error instanceof Refusal) || error.status !== 401) return false;
  await forgetAccount();
  state.account = undefined;
  say(ui.signInMessage, t('signIn.expired'));
  await showAccount();
  return true;
}

async function submitSignIn(event: SubmitEvent) {
  event.preventDefault();
  const data = new FormData(ui.signInForm);
  const submit = ui.signInForm.querySelector('button');
  if (submit) submit.disabled = true;
  try {
    await forgetPendingCookies();
    const { user, token, expiresAt } = await signIn(String(data.get('email')), String(data.get('password')));
    state.account = { user: { id: user.id, displayName: user.displayName, role: user.role }, token, expiresAt };
    await saveAccount(state.account);
    ui.signInForm.reset();
    say(ui.signInMessage, '');
    await showAccount();
    await openWantedDelivery();
    await renderQueue();
    void sync();
  } catch (error) {
    const status = error instanceof Refusal ? error.status : 0;
    say(
      ui.signInMessage,
      t(
        error instanceof NoConnection
          ? 'signIn.offline'
          : status === 429
            ? 'signIn.blocked'
            : status === 503
              ? 'signIn.busy'
              : 'signIn.failed',
      ),
    );
  } finally {
    if (submit) submit.disabled = false;
  }
}

async function signOut() {
  const account = state.account;
  if (!account) return;
  const waiting = (await queued()).filter((e) => e.status === 'pending' && e.userId === account.user.id).length;
  if (waiting && !confirm(plural(t, 'signIn.pendingOnSignOut', waiting))) return;
  state.account = undefined;
  await forgetAccount();
  await forgetCachedApiAnswers();
  await showAccount();
  await renderQueue();
  // Without signal this leaves a note; the token is revoked when the connection returns.
  await revokeOnServer(account.token);
}

/** The service worker never caches /api, but a sign-out makes sure no other cache does either. */
async function forgetCachedApiAnswers() {
  if (!('caches' in window)) return;
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys())
      if (new URL(request.url).pathname.includes('/api/')) await cache.delete(request);
  }
}

/** Every event the screen answers: one place, so what a tap does is read in one file. */
function wire() {
  ui.signInForm.addEventListener('submit', (event) => void submitSignIn(event));
  ui.signOut.addEventListener('click', () => void signOut());
  ui.roster.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button.member');
    if (button) toggle(button);
  });
  ui.bank.addEventListener('change', () => {
    state.dirty = false;
    state.present.clear();
    void loadRoster();
  });
  ui.stepsList.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button.step');
    if (button) toggleStep(button);
  });
  // Ticks made before choosing the session or the date are kept.
  for (const input of [ui.session, ui.date]) input.addEventListener('change', () => void matchSaved());
  ui.rollForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void saveRollCall();
  });
  ui.retry.addEventListener('click', () => void sync());
  ui.allPresent.addEventListener('click', markAll);
  ui.print.addEventListener('click', () => print());
  ui.printNames.addEventListener('change', () =>
    ui.root.classList.toggle('paper-without-names', !ui.printNames.checked),
  );
  addEventListener('online', () => {
    void sendRevocations();
    void sync();
  });
  // The online event does not come on every flaky line: while something waits, try now and then.
  setInterval(() => {
    if (document.visibilityState !== 'visible') return;
    void sendRevocations();
    if (state.account && !ui.retry.hidden) void sync();
  }, 30_000);
  addEventListener('beforeunload', (event) => {
    if (state.dirty) event.preventDefault();
  });
}
