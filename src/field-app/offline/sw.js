// Tejido's service worker. The build writes it to /sw.js with `const CONFIG = {…}` on the line
// before this one (src/field-app/offline/build.ts): the build's version, the core files with their
// revisions, the offline page. Plain JavaScript, so the browser runs this very file.
//
// Installing it downloads only the core: the offline page and the attendance screen. A programme's
// copy is downloaded only when the facilitator asks for it ("Guardar para usar sin señal"), and
// each copy lives in a cache of its own, named with the build's version, so "Quitar" deletes it
// whole and a new version is written beside the old one. Hand-written rather than Workbox: Workbox's
// precache is one list installed at once, which is exactly what the phone must not download unasked.
/* global CONFIG */
const PREFIX = 'tejido';
const CORE = `${PREFIX}:core:${CONFIG.version}`;
const programmeCache = (id, version = CONFIG.version) => `${PREFIX}:programa:${id}:${version}`;
const programmeOf = (name) => /^tejido:programa:([^:]+):([^:]+)$/.exec(name);
const manifestUrl = (id) => `/offline/${id}.json`;
const progress = new BroadcastChannel('tejido-copia');
// Downloads a few files at a time: enough to fill a slow line, few enough not to starve the page.
const PARALLEL = 4;

self.addEventListener('install', (event) => {
  // No skipWaiting: a new version waits until she taps "Actualizar", so an open page never mixes
  // two versions. Meanwhile the old version's copies keep answering, whole.
  event.waitUntil(
    install().catch(async (error) => {
      // A file could not be fetched (no signal, a deploy half-way): this version is dropped with
      // what it had written, and the browser tries again on a later visit.
      for (const name of await caches.keys())
        if (name === CORE || programmeOf(name)?.[2] === CONFIG.version) await caches.delete(name);
      throw error;
    }),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      // The previous version's caches (and the Workbox precache of builds before the opt-in) go.
      for (const name of await caches.keys()) {
        const programme = programmeOf(name);
        const current = name === CORE || (programme && programme[2] === CONFIG.version);
        if (!current && (name.startsWith(`${PREFIX}:`) || name.startsWith('tejido-') || name.startsWith('workbox-')))
          await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  const message = event.data ?? {};
  if (message.type === 'SKIP_WAITING') self.skipWaiting();
  if (message.type === 'save-copy' && CONFIG.programmes.includes(message.programme))
    event.waitUntil(saveReporting(message.programme));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // The API's answers are personal: never kept here, never answered from here.
  if (url.origin !== location.origin || url.pathname.startsWith('/api/') || url.pathname === '/sw.js') return;
  event.respondWith(answer(request, url));
});

/** The core of this version, then every programme copy saved earlier, rewritten for this version. */
async function install() {
  const earlier = await previousFiles();
  const core = await caches.open(CORE);
  await fill(core, CONFIG.core, earlier, () => undefined);
  const saved = new Set();
  for (const name of await caches.keys()) {
    const programme = programmeOf(name);
    if (
      programme &&
      programme[2] !== CONFIG.version &&
      (await (await caches.open(name)).match(manifestUrl(programme[1])))
    )
      saved.add(programme[1]);
  }
  // A copy saved with the old version is renewed before this version may take over: if a file
  // cannot be fetched, the install fails and the old version (whole) stays in charge.
  for (const id of saved) if (CONFIG.programmes.includes(id)) await save(id, earlier, () => undefined);
}

async function saveReporting(id) {
  try {
    await save(id, await previousFiles(), (done, total) =>
      progress.postMessage({ type: 'progress', programme: id, done, total }),
    );
    progress.postMessage({ type: 'saved', programme: id });
  } catch (error) {
    progress.postMessage({
      type: 'failed',
      programme: id,
      reason: error && error.message === 'stale' ? 'stale' : 'network',
    });
  }
}

/**
 * Downloads one programme's copy into its cache. Files already in it (a download cut short) or in
 * any cache with the same revision (a file shared with another programme, or unchanged since the
 * last version) are not downloaded again. The manifest is stored last: it marks the copy complete.
 */
async function save(id, earlier, report) {
  const response = await fetch(manifestUrl(id), { cache: 'no-cache' });
  if (!response.ok) throw new Error('network');
  const manifest = await response.clone().json();
  // The site was rebuilt since this worker: its files belong to a version this worker does not serve.
  if (manifest.version !== CONFIG.version) {
    void self.registration.update();
    throw new Error('stale');
  }
  const cache = await caches.open(programmeCache(id));
  await fill(cache, manifest.files, earlier, report);
  await cache.put(manifestUrl(id), response);
}

async function fill(cache, files, earlier, report) {
  const total = files.reduce((n, f) => n + f.bytes, 0);
  let done = 0;
  const queue = [...files];
  let broken = false;
  const worker = async () => {
    for (let file = queue.shift(); file && !broken; file = queue.shift()) {
      if (!(await cache.match(file.url))) {
        const known = earlier.get(`${file.url} ${file.revision}`);
        const copy = known && (await caches.match(file.url, { cacheName: known }));
        // `cache: no-cache` revalidates with the server (a 304 costs a few hundred bytes) and the
        // browser sends its usual Accept-Encoding, so the files travel brotli-compressed.
        const fresh =
          copy ?? (await fetch(file.url, { cache: 'no-cache', credentials: 'omit' }).catch(() => undefined));
        if (!fresh?.ok) {
          broken = true;
          throw new Error('network');
        }
        await cache.put(file.url, fresh);
      }
      done += file.bytes;
      report(done, total);
    }
  };
  report(0, total);
  // On a failure the other downloads stop too, and the failure is told only once all have
  // stopped: no progress report may come after it.
  const ended = await Promise.allSettled(Array.from({ length: PARALLEL }, worker));
  if (ended.some((e) => e.status === 'rejected')) throw new Error('network');
}

/** "url revision" → cache name, for every file of every complete copy and core already on the phone. */
async function previousFiles() {
  const known = new Map();
  for (const name of await caches.keys()) {
    const programme = programmeOf(name);
    const cache = await caches.open(name);
    let files;
    if (programme) files = (await (await cache.match(manifestUrl(programme[1])))?.json())?.files;
    else if (name.startsWith(`${PREFIX}:core:`))
      files = (await (await cache.match('/offline/core.json'))?.json())?.files;
    for (const file of files ?? []) known.set(`${file.url} ${file.revision}`, name);
  }
  // This version's core lists its own revisions; kept in its cache for the next version to compare.
  const core = await caches.open(CORE);
  await core.put('/offline/core.json', new Response(JSON.stringify({ files: CONFIG.core })));
  return known;
}

/** This version's caches, the core first. */
async function ownCaches() {
  const names = (await caches.keys()).filter((name) => programmeOf(name)?.[2] === CONFIG.version);
  return [CORE, ...names];
}

async function fromCopy(pathname) {
  for (const name of await ownCaches()) {
    const cache = await caches.open(name);
    const hit =
      (await cache.match(pathname)) ?? (/\/[^./]+$/.test(pathname) ? await cache.match(`${pathname}/`) : undefined);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * Saved files first (an open manual never changes under her until she taps "Actualizar"), the
 * network for the rest. Without signal: a session card's or handout's PDF is answered with its
 * printable page, and any other page with the offline page instead of the browser's error.
 */
async function answer(request, url) {
  const saved = url.pathname.startsWith('/offline/') ? undefined : await fromCopy(url.pathname);
  if (saved) return saved;
  try {
    return await fetch(request);
  } catch (error) {
    const printable = /^\/pdf\/(cards|materials)\/([^/]+)\.pdf$/.exec(url.pathname);
    const stand = printable && (await fromCopy(`/print/${printable[1]}/${printable[2]}/`));
    if (stand) return stand;
    if (request.mode === 'navigate') {
      const offline = await caches.match(CONFIG.offlinePage, { cacheName: CORE });
      if (offline) return offline;
    }
    throw error;
  }
}
