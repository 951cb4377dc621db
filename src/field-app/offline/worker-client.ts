// The page's side of the service worker, shared by the registration script on every page and the
// "Guardar para usar sin señal" control. No side effects here: importing it registers nothing.
import { SERVICE_WORKER_FILE } from './names.ts';

export const workerUrl = () => `${import.meta.env.BASE_URL}${SERVICE_WORKER_FILE}`;

/**
 * The registration, made now if there was none, once its worker is active. A version still
 * waiting is let in first (the current page is already whole in memory), so a copy saved now
 * belongs to the version that will answer offline, not to one about to be deleted.
 */
export async function activeWorker(): Promise<ServiceWorker> {
  const registration = await navigator.serviceWorker.register(workerUrl());
  if (registration.waiting) {
    const changed = new Promise((resolve) =>
      navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
    );
    registration.waiting.postMessage({ type: 'SKIP_WAITING' });
    await changed;
  }
  const ready = await navigator.serviceWorker.ready;
  if (!ready.active) throw new Error('no active service worker');
  return ready.active;
}
