// The attendance screen's script (the only JavaScript of /asistencia/ besides the site's own):
// sign in, pick bank, session and date, one tap per member, save to the phone, send when there is
// signal. A meeting has one roll call: choosing one already taken (on the server, or saved on
// this phone) opens it, and saving a change to it is a correction, confirmed first and queued
// like a roll call. Names are written into the page with textContent only, and kept on the phone
// only while the facilitator is signed in.
import { strings } from '../strings.ts';
import { listBanks, listDeliveries, listMembers, NoConnection, readRollCall, Refusal, signIn } from './api.ts';
import { meetingDate, stillOpen } from './dates.ts';
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
import type { ListedStep } from './sessions.ts';

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
  allPresent: $<HTMLButtonElement>('#all-present'),
  confirmDialog: $<HTMLDialogElement>('#correction-dialog'),
  confirmText: $<HTMLElement>('#correction-text'),
  saveMessage: $<HTMLElement>('#save-message'),
  print: $<HTMLButtonElement>('#print'),
  printNames: $<HTMLInputElement>('#print-names'),
  queueList: $<HTMLUListElement>('#queue'),
  syncNote: $<HTMLElement>('#sync-note'),
  retry: $<HTMLButtonElement>('#retry'),
  paperTitle: $<HTMLElement>('#paper-title'),
  paperRows: $<HTMLTableSectionElement>('#paper-rows'),
  steps: $<HTMLFieldSetElement>('#steps'),
  stepsList: $<HTMLOListElement>('#steps-list'),
  stepsCount: $<HTMLElement>('#steps-count'),
};
/** Each session's agenda steps, core first, written into the page at build time (sessions.ts). */
const stepsBySession = JSON.parse(document.querySelector('#session-steps')?.textContent || '{}') as Record<
  string,
  ListedStep[]
>;

let account: Account | undefined;
let banks: Bank[] = [];
let roster: Roster | undefined;

/** The roll call already taken of the chosen meeting, opened to be corrected. */
interface OpenRollCall {
  deliveryId: string;
  /** The marks as last saved: what a correction's changes are counted against. */
  saved: Map<string, boolean>;
  recordIds: Map<string, string>;
  /** The version the next correction is based on. */
  basedOn: number;
  correctableUntil?: string;
  /** Nothing can be changed: its window closed, or it is on the server and there is no signal to open it. */
  readOnly: false | 'closed' | 'offline';
  /** The latest thing saved on this phone for it, when its marks are the ones shown. */
  latest?: QueuedRollCall;
  /** This phone's roll call, never tried yet: a change rewrites it instead of queueing a correction. */
  unsentBatch?: QueuedRollCall;
}
let current: OpenRollCall | undefined;
const present = new Set<string>();
let dirty = false;
/** The agenda steps ticked, and whether she touched the list at all (untouched: the roll call says nothing of steps). */
const stepsDone = new Set<number>();
let stepsTouched = false;

const today = () => new Date().toLocaleDateString('en-CA');
const shortDate = (iso: string) => new Date(iso).toLocaleString('es', { dateStyle: 'short', timeStyle: 'short' });
const say = (el: HTMLElement, text: string) => void (el.textContent = text);

async function start() {
  ui.date.value ||= today();
  say($<HTMLElement>('#steps-legend'), strings.steps.legend);
  say($<HTMLElement>('#steps-hint'), strings.steps.hint);
  // /asistencia/?sesion=<id>: a session page can send her here with its session chosen.
  const wanted = new URLSearchParams(location.search).get('sesion');
  if (wanted && [...ui.session.options].some((o) => o.value === wanted)) ui.session.value = wanted;
  account = await currentAccount();
  await renderQueue();
  await showAccount();
  await openWantedDelivery();
  if (account) void sync();
  void sendRevocations();
}

/** /asistencia/?entrega=<id>: the office's "Corregir" link opens that roll call (after sign-in, if need be). */
async function openWantedDelivery() {
  const delivery = new URLSearchParams(location.search).get('entrega');
  if (account && delivery) await openDelivery(delivery);
}

/** Chooses the bank, session and date of a roll call (saved on this phone, or read from the server) and opens it. */
async function openDelivery(deliveryId: string) {
  if (!account) return;
  const mine = (await queued()).find((e) => e.delivery.id === deliveryId && e.userId === account?.user.id);
  let meeting = mine?.delivery;
  if (!meeting) {
    try {
      meeting = (await readRollCall(account.token, deliveryId)).delivery;
    } catch (error) {
      if (await signedOutBy(error)) return;
      return say(
        ui.rosterNote,
        error instanceof NoConnection ? strings.roster.onServerOffline : strings.sync.notYourBank,
      );
    }
  }
  if (
    ![...ui.session.options].some((o) => o.value === meeting.sessionId) ||
    !banks.some((b) => b.id === meeting.bankId)
  )
    return say(ui.rosterNote, strings.sync.notYourBank);
  ui.session.value = meeting.sessionId;
  ui.date.value = meeting.deliveredOn;
  dirty = false;
  if (ui.bank.value !== meeting.bankId) {
    ui.bank.value = meeting.bankId;
    present.clear();
    await loadRoster();
  } else {
    await matchSaved();
  }
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
  return matchSaved();
}

function clearRoster() {
  roster = undefined;
  current = undefined;
  present.clear();
  dirty = false;
  ui.roster.replaceChildren();
  ui.paperRows.replaceChildren();
  stepsDone.clear();
  stepsTouched = false;
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
  if (!roster || !account) return;
  const key = { bankId: roster.bankId, sessionId: ui.session.value, deliveredOn: ui.date.value };
  const turn = ++opening;
  const found = key.sessionId && key.deliveredOn ? await findRollCall(key) : undefined;
  // Another choice was made while this one was read.
  if (turn !== opening || roster?.bankId !== key.bankId) return;
  const same = found && current && found.deliveryId === current.deliveryId;
  current = found;
  // Marks being changed stay; a roll call just opened shows its own.
  if (found && !(dirty && same)) {
    dirty = false;
    present.clear();
    for (const [id, on] of found.saved) if (on) present.add(id);
  } else if (!found && !dirty) {
    present.clear();
  }
  if (!dirty || !same) {
    // What this phone last saved of its steps; the server's copy does not say them back.
    stepsDone.clear();
    for (const step of found?.latest?.stepsDone ?? []) stepsDone.add(step);
    stepsTouched = false;
  }
  renderRoster();
  renderSteps();
}

/** "¿Qué pasos hiciste?": the chosen session's steps, core first and marked, one tap each. Optional. */
function renderSteps() {
  const steps = stepsBySession[ui.session.value] ?? [];
  ui.steps.hidden = !roster || !steps.length;
  const readOnly = Boolean(current?.readOnly);
  ui.stepsList.replaceChildren(
    ...steps.map(([index, title, core]) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'step';
      button.dataset.step = String(index);
      button.setAttribute('aria-pressed', String(stepsDone.has(index)));
      button.disabled = readOnly;
      const name = document.createElement('span');
      name.textContent = title;
      const tag = document.createElement('span');
      if (core) {
        tag.className = 'core';
        tag.textContent = strings.steps.core;
      }
      const mark = document.createElement('span');
      mark.className = 'mark';
      mark.setAttribute('aria-hidden', 'true');
      button.append(name, tag, mark);
      item.append(button);
      return item;
    }),
  );
  say(ui.stepsCount, steps.length ? strings.steps.count(stepsDone.size, steps.length) : '');
}

function toggleStep(button: HTMLButtonElement) {
  const step = Number(button.dataset.step);
  if (!Number.isInteger(step) || button.disabled) return;
  const on = !stepsDone.has(step);
  if (on) stepsDone.add(step);
  else stepsDone.delete(step);
  button.setAttribute('aria-pressed', String(on));
  stepsTouched = true;
  dirty = true;
  renderSaveState();
  say(ui.stepsCount, strings.steps.count(stepsDone.size, (stepsBySession[ui.session.value] ?? []).length));
}

/** The steps to send: in agenda order, or nothing when she left the list alone. */
const stepsToSend = () => (stepsTouched ? [...stepsDone].sort((a, b) => a - b) : undefined);

async function findRollCall(key: {
  bankId: string;
  sessionId: string;
  deliveredOn: string;
}): Promise<OpenRollCall | undefined> {
  const userId = account?.user.id;
  // Refused or conflicting entries never reached the server: they are listed below, not opened.
  const mine = (await queuedFor(key)).filter((e) => e.userId === userId);
  const usable = mine.filter((e) => e.status === 'pending' || e.status === 'sent');
  const server = roster?.rollCalls?.find((r) => r.sessionId === key.sessionId && r.deliveredOn === key.deliveredOn);
  const latest = usable.at(-1);
  if (!latest) {
    // On the server: in the bank's list, or named by the server when this phone's own roll call of it was refused.
    const storedId = server?.id ?? mine.find((e) => e.storedId)?.storedId;
    if (!storedId) return undefined;
    if (current?.deliveryId !== storedId) say(ui.saveMessage, strings.roster.opening);
    return (
      (await fromServer(storedId)) ?? {
        deliveryId: storedId,
        saved: new Map(),
        recordIds: new Map(),
        basedOn: server?.version ?? 1,
        correctableUntil: server?.correctableUntil,
        readOnly: 'offline',
      }
    );
  }
  const deliveryId = latest.delivery.id;
  // The version the server will be at once everything queued has landed.
  let basedOn = 1;
  for (const e of usable)
    basedOn =
      e.status === 'sent' ? (e.version ?? basedOn) : e.kind === 'correction' ? (e.basedOn ?? basedOn) + 1 : basedOn;
  const waiting = usable.some((e) => e.status === 'pending');
  const onServer = server?.id === deliveryId ? server : undefined;
  // Nothing of it waits on the phone: with signal the server's copy is the one to correct (it may
  // have been corrected on another phone since); without, the phone's last copy.
  if (!waiting) {
    const remote = await fromServer(deliveryId);
    if (remote) return remote;
  }
  // The later of what the bank's list said and what the last answer said (an admin may have reopened it).
  const untils = [onServer?.correctableUntil, ...usable.map((e) => e.correctableUntil)]
    .filter((u): u is string => Boolean(u))
    .sort();
  const correctableUntil = untils.at(-1);
  // While something waits to be sent the server decides; it answers in the queue below.
  const closed = !waiting && !stillOpen(correctableUntil);
  return {
    deliveryId,
    saved: new Map(latest.records.map((r) => [r.memberId, r.present])),
    recordIds: new Map(latest.records.map((r) => [r.memberId, r.id])),
    basedOn,
    correctableUntil,
    readOnly: closed ? 'closed' : false,
    latest,
    unsentBatch:
      latest.kind !== 'correction' && latest.status === 'pending' && latest.attempts === 0 ? latest : undefined,
  };
}

/** A roll call as the server has it; undefined without signal. */
async function fromServer(deliveryId: string): Promise<OpenRollCall | undefined> {
  if (!account) return undefined;
  try {
    const { delivery, attendance } = await readRollCall(account.token, deliveryId);
    return {
      deliveryId,
      saved: new Map(attendance.map((r) => [r.memberId, r.present])),
      recordIds: new Map(attendance.map((r) => [r.memberId, r.id])),
      basedOn: delivery.version,
      correctableUntil: delivery.correctableUntil,
      readOnly: delivery.correctable ? false : 'closed',
    };
  } catch (error) {
    await signedOutBy(error);
    return undefined;
  }
}

function renderRoster() {
  if (!roster) return;
  const readOnly = Boolean(current?.readOnly);
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
  ui.allPresent.disabled = readOnly || !roster.members.length;
  say(ui.save, current ? strings.save.correction : strings.save.newRollCall);
  renderSaveState();
  renderCount();
  renderPaper(roster.members);
}

/** Under the save button: what is true of this roll call now, whatever happened last. */
function renderSaveState() {
  const until = current?.correctableUntil ? meetingDate(current.correctableUntil) : undefined;
  const latest = current?.latest;
  const text = !current
    ? dirty
      ? strings.roster.unsaved
      : ''
    : current.readOnly === 'offline'
      ? strings.roster.onServerOffline
      : current.readOnly === 'closed'
        ? strings.roster.windowClosed(until ?? '')
        : dirty
          ? strings.roster.unsaved
          : latest?.status === 'pending'
            ? latest.kind === 'correction'
              ? strings.save.correctionQueued
              : strings.save.done
            : until
              ? strings.roster.canCorrect(until)
              : strings.roster.sent;
  say(ui.saveMessage, text);
}

function renderCount() {
  say(ui.count, roster ? strings.roster.count(present.size, roster.members.length) : '');
}

/** "Todas presentes": every woman marked; then a tap on each who did not come. */
function markAll() {
  if (!roster || current?.readOnly) return;
  for (const m of roster.members) present.add(m.id);
  for (const button of ui.roster.querySelectorAll<HTMLButtonElement>('button.member'))
    button.setAttribute('aria-pressed', 'true');
  dirty = true;
  renderSaveState();
  renderCount();
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
  say(
    ui.paperTitle,
    [bank ? `${bank.code} · ${bank.name}` : '', session.trim(), meetingDate(ui.date.value)].filter(Boolean).join(' — '),
  );
  ui.paperRows.replaceChildren(
    ...members.map((m, i) => {
      const row = document.createElement('tr');
      for (const [cls, text] of [
        ['n', String(i + 1)],
        ['code', m.memberCode],
        ['name', m.displayName],
        ['tick', ''],
      ] as const) {
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
  if (!account || !roster || current?.readOnly) return;
  const bank = banks.find((b) => b.id === roster?.bankId);
  const sessionOption = ui.session.selectedOptions[0];
  if (!ui.session.value || !sessionOption) return say(ui.saveMessage, strings.save.needSession);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(ui.date.value)) return say(ui.saveMessage, strings.save.needDate);
  if (!bank || !roster.members.length) return say(ui.saveMessage, strings.save.needRoster);
  const open = current;
  const members = roster.members;
  const base = {
    userId: account.user.id,
    bankCode: bank.code,
    sessionTitle: sessionOption.textContent?.trim() ?? '',
    savedAt: new Date().toISOString(),
    status: 'pending' as const,
    attempts: 0,
  };
  const marks = (recordIds?: Map<string, string>) =>
    // Codes and ids only: the queue outlives a sign-out, names must not.
    members.map((m) => ({
      id: recordIds?.get(m.id) ?? crypto.randomUUID(),
      memberId: m.id,
      memberCode: m.memberCode,
      present: present.has(m.id),
    }));
  let entry: QueuedRollCall;
  if (!open) {
    const deliveryId = crypto.randomUUID();
    const delivery = { id: deliveryId, bankId: bank.id, sessionId: ui.session.value, deliveredOn: ui.date.value };
    entry = {
      ...base,
      id: deliveryId,
      kind: 'batch',
      delivery,
      records: marks(),
      ...(stepsTouched ? { stepsDone: stepsToSend() } : {}),
    };
  } else {
    // A woman missing from the saved list counts as a change only if she is marked present.
    const changes = members.filter((m) => {
      const before = open.saved.get(m.id);
      return before === undefined ? present.has(m.id) : before !== present.has(m.id);
    });
    const steps = stepsToSend();
    if (!changes.length && !steps) return say(ui.saveMessage, strings.save.noChanges);
    if (!(await confirmCorrection(changes.length))) return;
    const delivery = { id: open.deliveryId, bankId: bank.id, sessionId: ui.session.value, deliveredOn: ui.date.value };
    // A correction of the steps alone still names one mark (the API wants one): unchanged, so it changes nothing.
    const sent = changes.length ? changes : members.slice(0, 1);
    const stepsPart = steps ? { stepsDone: steps } : {};
    entry = open.unsentBatch
      ? {
          ...open.unsentBatch,
          ...base,
          records: marks(open.recordIds),
          ...(steps ? stepsPart : { stepsDone: open.unsentBatch.stepsDone }),
        }
      : {
          ...base,
          id: crypto.randomUUID(),
          kind: 'correction',
          delivery,
          basedOn: open.basedOn,
          changes: sent.map((m) => ({ memberId: m.id, memberCode: m.memberCode, present: present.has(m.id) })),
          records: marks(open.recordIds),
          // Steps not touched this time are the version before's, on the server and here.
          stepsDone: steps ?? open.latest?.stepsDone,
          ...stepsPart,
        };
  }
  await putQueued(entry);
  dirty = false;
  await matchSaved();
  await renderQueue();
  void sync();
}

/** The in-page question before a saved roll call is changed: how many marks, and a way back. */
function confirmCorrection(changes: number): Promise<boolean> {
  say(ui.confirmText, changes ? strings.confirm.changes(changes, meetingDate(ui.date.value)) : strings.steps.changed);
  ui.confirmDialog.returnValue = '';
  ui.confirmDialog.showModal();
  return new Promise((resolve) =>
    ui.confirmDialog.addEventListener('close', () => resolve(ui.confirmDialog.returnValue === 'confirm'), {
      once: true,
    }),
  );
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
      line.textContent =
        e.kind === 'correction'
          ? strings.queue.correctionLine(
              e.sessionTitle,
              meetingDate(e.delivery.deliveredOn),
              e.bankCode,
              e.changes?.length ?? 0,
            )
          : strings.queue.line(
              e.sessionTitle,
              meetingDate(e.delivery.deliveredOn),
              e.bankCode,
              presentCount,
              e.records.length,
            );
      const status = document.createElement('strong');
      status.className = 'status';
      const mine = e.userId === account?.user.id;
      status.textContent =
        e.status === 'pending' && account && !mine ? strings.status.otherAccount : strings.status[e.status];
      item.append(status, line);
      // "No signal" is said once for the whole list, above it; other problems belong to their record.
      if (e.problem && e.status !== 'sent' && e.problem !== strings.sync.offline) {
        const problem = document.createElement('p');
        problem.className = 'problem';
        problem.textContent = e.problem;
        item.append(problem);
      }
      // Another phone took this meeting's roll call first: open that one, to correct it.
      if (e.status === 'conflict' && e.storedId && mine) {
        const storedId = e.storedId;
        item.append(actionButton('open-stored', strings.sync.openStored, () => openDelivery(storedId)));
      }
      // The window had closed: once the admin has reopened it, the same correction goes again.
      if (e.status === 'refused' && e.kind === 'correction' && e.correctableUntil && mine) {
        item.append(
          actionButton('send-again', strings.sync.sendAgain, async () => {
            await putQueued({ ...e, status: 'pending', problem: undefined });
            await renderQueue();
            await sync();
          }),
        );
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

function actionButton(className: string, label: string, run: () => Promise<void>) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = className;
  button.textContent = label;
  button.addEventListener('click', () => void run());
  return button;
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
  say(
    ui.syncNote,
    outcome === 'offline'
      ? strings.sync.offline
      : outcome === 'server-down'
        ? strings.sync.serverDown
        : outcome === 'signed-out'
          ? strings.sync.signInToSend
          : '',
  );
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
    await openWantedDelivery();
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
    for (const request of await cache.keys())
      if (new URL(request.url).pathname.includes('/api/')) await cache.delete(request);
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
