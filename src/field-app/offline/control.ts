// The "Guardar para usar sin señal" control (src/components/OfflineSave.astro): shows a
// programme's size before she saves it, a progress bar while the worker downloads it, what is
// saved (with or without signal), and "Quitar" to delete it. Its words come in the element's
// data attributes, in the page's language, so this script carries none. It is part of the script
// every page loads (src/field-app/register.ts) and does nothing where there is no control.
import type { CopyIndex } from './manifest.ts';
import { INDEX_URL, PROGRESS_CHANNEL, type CopyReport } from './names.ts';
import { removeCopy, savedCopies } from './saved.ts';
import { activeWorker } from './worker-client.ts';

let index: Promise<CopyIndex | undefined> | undefined;
/** The list of copies with their sizes (a few hundred bytes), asked once per page. */
const copyIndex = () =>
  (index ??= fetch(INDEX_URL).then(
    (r) => (r.ok ? (r.json() as Promise<CopyIndex>) : undefined),
    () => undefined,
  ));

const sizeText = (bytes: number) => {
  const mb = bytes / 1024 / 1024;
  const format = new Intl.NumberFormat(document.documentElement.lang || 'es', {
    maximumFractionDigits: 1,
    minimumFractionDigits: mb < 10 ? 1 : 0,
  });
  return mb >= 0.95 ? `${format.format(mb)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
};
const onScreen = (element: Element) =>
  new Promise<void>((resolve) => {
    const watch = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      watch.disconnect();
      resolve();
    });
    watch.observe(element);
  });
const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');

class OfflineSave {
  private readonly id: string;
  private readonly words: DOMStringMap;
  private readonly save: HTMLButtonElement;
  private readonly remove: HTMLButtonElement;
  private readonly bar: HTMLProgressElement;
  private readonly status: HTMLElement;
  private readonly root: HTMLElement;
  private busy = false;

  constructor(root: HTMLElement) {
    this.root = root;
    this.id = root.dataset.programme ?? '';
    this.words = root.dataset;
    this.save = root.querySelector('[data-save]') as HTMLButtonElement;
    this.remove = root.querySelector('[data-remove]') as HTMLButtonElement;
    this.bar = root.querySelector('progress') as HTMLProgressElement;
    this.status = root.querySelector('[data-status]') as HTMLElement;
    this.save.addEventListener('click', () => void this.download());
    this.remove.addEventListener('click', () => void this.delete());
    new BroadcastChannel(PROGRESS_CHANNEL).addEventListener('message', (event: MessageEvent<CopyReport>) =>
      this.heard(event.data),
    );
    addEventListener('online', () => void this.show());
    addEventListener('offline', () => void this.show());
    root.hidden = false;
    void this.show();
  }

  /** The state as saved on the phone: saved, unfinished, or not saved (with its size, if there is signal to ask it). */
  async show(message?: string) {
    if (this.busy) return;
    const copy = (await savedCopies()).get(this.id);
    this.bar.hidden = true;
    this.root.dataset.state = copy?.manifest ? 'saved' : copy ? 'partial' : 'none';
    this.save.hidden = Boolean(copy?.manifest);
    this.remove.hidden = !copy;
    this.save.disabled = !navigator.onLine;
    if (copy?.manifest)
      return this.say(message ?? fill(this.words.saved ?? '', { size: sizeText(copy.manifest.bytes) }));
    if (!navigator.onLine) return this.say(message ?? (copy ? this.words.partial : this.words.offline) ?? '');
    if (message) return this.say(message);
    // The size is asked for once the control is on screen: a visit that never scrolls to it pays nothing.
    await onScreen(this.root);
    const size = (await copyIndex())?.programmes.find((p) => p.id === this.id)?.bytes;
    if (this.root.dataset.state === 'none' && !this.busy)
      this.say(size === undefined ? '' : fill(this.words.size ?? '', { size: sizeText(size) }));
  }

  private say(text: string) {
    this.status.textContent = text;
  }

  private async download() {
    this.busy = true;
    this.save.disabled = true;
    this.bar.hidden = false;
    this.bar.value = 0;
    this.say(fill(this.words.saving ?? '', { done: '0', total: '…' }));
    try {
      (await activeWorker()).postMessage({ type: 'save-copy', programme: this.id });
    } catch {
      this.busy = false;
      void this.show(this.words.failed);
    }
  }

  private heard(report: CopyReport) {
    if (report.programme !== this.id) return;
    if (report.type === 'progress') {
      this.busy = true;
      this.bar.hidden = false;
      this.save.disabled = true;
      this.bar.max = Math.max(1, report.total);
      this.bar.value = report.done;
      this.say(fill(this.words.saving ?? '', { done: sizeText(report.done), total: sizeText(report.total) }));
      return;
    }
    this.busy = false;
    void this.show(report.type === 'failed' ? this.words.failed : undefined);
  }

  private async delete() {
    await removeCopy(this.id);
    void this.show(this.words.removed);
  }
}

/** Sets up every "Guardar para usar sin señal" control of the page, where the browser can keep a copy. */
export function startOfflineControls() {
  if (!('serviceWorker' in navigator) || !('caches' in window)) return;
  for (const root of document.querySelectorAll<HTMLElement>('[data-offline-save]')) new OfflineSave(root);
}
