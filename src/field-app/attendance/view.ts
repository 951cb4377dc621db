// What the attendance screen shows: the page's elements, and how each part is drawn from the
// state. Repeated pieces are cloned from the page's <template>s (already in her language); names
// and codes go in with textContent only. No decisions here: controller.ts says when to draw.
import { meetingDate } from './dates.ts';
import type { ListedStep } from './sessions.ts';
import type { ScreenState } from './state.ts';
import type { Member, QueuedRollCall } from './store.ts';
import { plural, t } from './words.ts';

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector) as T;
export const ui = {
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
const stepsBySession = JSON.parse($('#session-steps')?.textContent || '{}') as Record<string, ListedStep[]>;
export const stepsOf = (sessionId: string) => stepsBySession[sessionId] ?? [];

export const say = (el: HTMLElement, text: string) => void (el.textContent = text);

/** A copy of a <template>'s first element. */
const piece = <T extends Element>(id: string) =>
  ($<HTMLTemplateElement>(`#${id}`).content.firstElementChild as T).cloneNode(true) as T;

/** "Banco · nombre": how a bank is named in the list and on paper. */
export const bankLabel = (b: { code: string; name: string }) => `${b.code} · ${b.name}`;

export function renderRoster(s: ScreenState) {
  if (!s.roster) return;
  const readOnly = Boolean(s.current?.readOnly);
  ui.roster.replaceChildren(
    ...s.roster.members.map((m) => {
      const item = piece<HTMLLIElement>('tpl-member');
      const button = item.firstElementChild as HTMLButtonElement;
      button.dataset.memberId = m.id;
      button.setAttribute('aria-pressed', String(s.present.has(m.id)));
      button.disabled = readOnly;
      const [code, name] = button.children as unknown as [HTMLElement, HTMLElement];
      say(code, m.memberCode);
      say(name, m.displayName);
      return item;
    }),
  );
  ui.save.disabled = readOnly || !s.roster.members.length;
  ui.allPresent.disabled = readOnly || !s.roster.members.length;
  say(ui.save, t(s.current ? 'save.correction' : 'save.newRollCall'));
  renderSaveState(s);
  renderCount(s);
  renderPaper(s, s.roster.members);
}

/** "¿Qué pasos hiciste?": the chosen session's steps, core first and marked, one tap each. Optional. */
export function renderSteps(s: ScreenState) {
  const steps = stepsOf(ui.session.value);
  ui.steps.hidden = !s.roster || !steps.length;
  const readOnly = Boolean(s.current?.readOnly);
  ui.stepsList.replaceChildren(
    ...steps.map(([index, title, core]) => {
      const item = piece<HTMLLIElement>('tpl-step');
      const button = item.firstElementChild as HTMLButtonElement;
      button.dataset.step = String(index);
      button.setAttribute('aria-pressed', String(s.stepsDone.has(index)));
      button.disabled = readOnly;
      const [name, tag] = button.children as unknown as [HTMLElement, HTMLElement];
      say(name, title);
      if (core) tag.replaceWith(piece('tpl-core'));
      return item;
    }),
  );
  renderStepCount(s);
}

export function renderStepCount(s: ScreenState) {
  const total = stepsOf(ui.session.value).length;
  say(ui.stepsCount, total ? t('steps.count', { done: s.stepsDone.size, total }) : '');
}

/** Under the save button: what is true of this roll call now, whatever happened last. */
export function renderSaveState({ current, dirty }: ScreenState) {
  const until = current?.correctableUntil ? meetingDate(current.correctableUntil) : undefined;
  const latest = current?.latest;
  const text = !current
    ? dirty
      ? t('roster.unsaved')
      : ''
    : current.readOnly === 'offline'
      ? t('roster.onServerOffline')
      : current.readOnly === 'closed'
        ? t('roster.windowClosed', { until: until ?? '' })
        : dirty
          ? t('roster.unsaved')
          : latest?.status === 'pending'
            ? t(latest.kind === 'correction' ? 'save.correctionQueued' : 'save.done')
            : until
              ? t('roster.canCorrect', { until })
              : t('roster.sent');
  say(ui.saveMessage, text);
}

export function renderCount({ roster, present }: ScreenState) {
  say(ui.count, roster ? t('roster.count', { present: present.size, total: roster.members.length }) : '');
}

/** The same roster as a paper list: codes in the same order, a blank column to tick. */
function renderPaper(s: ScreenState, members: Member[]) {
  const bank = s.banks.find((b) => b.id === s.roster?.bankId);
  const session = ui.session.selectedOptions[0]?.textContent ?? '';
  say(
    ui.paperTitle,
    [bank ? bankLabel(bank) : '', session.trim(), meetingDate(ui.date.value)].filter(Boolean).join(' — '),
  );
  ui.paperRows.replaceChildren(
    ...members.map((m, i) => {
      const row = piece<HTMLTableRowElement>('tpl-paper-row');
      const [n, code, name] = row.children as unknown as HTMLElement[];
      say(n!, String(i + 1));
      say(code!, m.memberCode);
      say(name!, m.displayName);
      return row;
    }),
  );
}

/** What a queued entry's buttons do; the controller decides, the view only places them. */
export interface QueueActions {
  openStored: (storedId: string) => Promise<void>;
  sendAgain: (entry: QueuedRollCall) => Promise<void>;
  discard: (entry: QueuedRollCall) => Promise<void>;
}

/** "Guardado en este teléfono": every roll call and correction kept on the phone, with its state. */
export function renderQueue(entries: QueuedRollCall[], signedIn: string | undefined, actions: QueueActions) {
  ui.queueList.replaceChildren(
    ...entries.map((e) => {
      const item = piece<HTMLLIElement>('tpl-queued');
      item.classList.add(`status-${e.status}`);
      item.dataset.delivery = e.id;
      item.dataset.status = e.status;
      const [status, line] = item.children as unknown as [HTMLElement, HTMLElement];
      const where = { session: e.sessionTitle, date: meetingDate(e.delivery.deliveredOn), bank: e.bankCode };
      say(
        line,
        e.kind === 'correction'
          ? plural(t, 'queue.correctionLine', e.changes?.length ?? 0, where)
          : t('queue.line', { ...where, present: e.records.filter((r) => r.present).length, total: e.records.length }),
      );
      const mine = e.userId === signedIn;
      say(status, e.status === 'pending' && signedIn && !mine ? t('status.otherAccount') : t(`status.${e.status}`));
      // "No signal" is said once for the whole list, above it; other problems belong to their record.
      if (e.problem && e.status !== 'sent' && e.problem !== t('sync.offline')) {
        const problem = document.createElement('p');
        problem.className = 'problem';
        say(problem, e.problem);
        item.append(problem);
      }
      // Another phone took this meeting's roll call first: open that one, to correct it.
      if (e.status === 'conflict' && e.storedId && mine) {
        const storedId = e.storedId;
        item.append(actionButton('open-stored', t('sync.openStored'), () => actions.openStored(storedId)));
      }
      // The window had closed: once the admin has reopened it, the same correction goes again.
      if (e.status === 'refused' && e.kind === 'correction' && e.correctableUntil && mine)
        item.append(actionButton('send-again', t('sync.sendAgain'), () => actions.sendAgain(e)));
      if (e.status === 'conflict' || e.status === 'refused') {
        const discard = piece<HTMLButtonElement>('tpl-discard');
        discard.addEventListener('click', () => void actions.discard(e));
        item.append(discard);
      }
      return item;
    }),
  );
  if (!entries.length) say(ui.syncNote, t('queue.empty'));
  ui.retry.hidden = !entries.some((e) => e.status === 'pending');
}

function actionButton(className: string, label: string, run: () => Promise<void>) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = className;
  say(button, label);
  button.addEventListener('click', () => void run());
  return button;
}

/** The in-page question before a saved roll call is changed: how many marks, and a way back. */
export function askToCorrect(changes: number): Promise<boolean> {
  const date = meetingDate(ui.date.value);
  say(ui.confirmText, changes ? plural(t, 'confirm.changes', changes, { date }) : t('steps.changed'));
  ui.confirmDialog.returnValue = '';
  ui.confirmDialog.showModal();
  return new Promise((resolve) =>
    ui.confirmDialog.addEventListener('close', () => resolve(ui.confirmDialog.returnValue === 'confirm'), {
      once: true,
    }),
  );
}
