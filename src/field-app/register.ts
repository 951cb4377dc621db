// On every page of the built site: registers the service worker only where it is wanted, and
// offers a new version when one has been downloaded. Where it is wanted: the attendance screen
// (a roll call is taken without signal), or a phone that already has it (she saved a programme,
// or opened the attendance screen before). A first visit to a session page registers nothing and
// downloads nothing besides the page: the offline copy is her choice (src/field-app/offline/).
// The new worker waits until the facilitator taps "Actualizar", so the page she is reading never
// changes under her and a manual is never half old, half new.
//
// The "Guardar para usar sin señal" control and the offline page's list are in this same script:
// one file for every page, where three small ones would cost three requests of headers each.
import { startOfflineControls } from './offline/control.ts';
import { CORE_PAGES } from './offline/names.ts';
import { listSavedCopies } from './offline/offline-page.ts';
import { workerUrl } from './offline/worker-client.ts';
import notes from 'virtual:tejido/update-note';

// From content/i18n/ at build time (update-note.ts): this script is on every page, in every language.
const updateNote = notes.byLang[document.documentElement.lang] ?? notes.byLang[notes.fallback]!;

let reloadRequested = false;

startOfflineControls();
void listSavedCopies();

if ('serviceWorker' in navigator) {
  // After load: the page she came for is not slowed down by the worker's own downloads.
  addEventListener('load', () => void start());
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (reloadRequested) location.reload();
  });
}

async function start() {
  const here = location.pathname.slice(import.meta.env.BASE_URL.length);
  const wanted = CORE_PAGES.includes(here) || Boolean(await navigator.serviceWorker.getRegistration());
  if (wanted) watch(await navigator.serviceWorker.register(workerUrl()));
}

function watch(registration: ServiceWorkerRegistration) {
  // A version downloaded on an earlier visit is still waiting.
  if (registration.waiting && navigator.serviceWorker.controller) offerUpdate(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const worker = registration.installing;
    worker?.addEventListener('statechange', () => {
      // "installed" with a controller in place = an update; without one it is the first install.
      if (worker.state === 'installed' && navigator.serviceWorker.controller) offerUpdate(worker);
    });
  });
}

function offerUpdate(worker: ServiceWorker) {
  if (document.getElementById('tejido-update')) return;
  const note = document.createElement('div');
  note.id = 'tejido-update';
  note.setAttribute('role', 'status');
  note.style.cssText =
    'position:fixed;inset:auto 0.5rem 0.5rem;z-index:100;display:flex;flex-wrap:wrap;gap:0.5rem 1rem;align-items:center;' +
    'justify-content:space-between;padding:0.75rem 1rem;border-radius:0.5rem;background:var(--sl-color-gray-6);' +
    'color:var(--sl-color-white);box-shadow:var(--sl-shadow-lg)';
  const text = document.createElement('span');
  text.textContent = updateNote.text;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = updateNote.reload;
  button.style.cssText =
    'min-height:48px;padding:0 1.25rem;border:0;border-radius:0.4rem;font:inherit;font-weight:600;' +
    'background:var(--sl-color-accent);color:var(--sl-color-black)';
  button.addEventListener('click', () => {
    reloadRequested = true;
    // The worker answers this message with skipWaiting(): it takes over, the page reloads.
    worker.postMessage({ type: 'SKIP_WAITING' });
  });
  note.append(text, button);
  document.body.append(note);
}
