/**
 * The production server: `npm start` / `npm run serve` run this, not dist/server/entry.mjs.
 *
 * @astrojs/node's standalone server serves dist/client with its own static handler, where Astro
 * middleware never runs, and it has no option for response headers (its `staticHeaders` covers a
 * prerendered page's CSP only). So this file runs the adapter's exported handler — static files
 * first, then Astro — inside a plain Node server that sets the security headers on every response
 * before handing over. Usage: node src/server/serve.ts [build folder, default dist]
 */
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentSecurityPolicy, SECURITY_FILE, type SecurityManifest } from './csp.ts';
import { resolveForwarded, trustPolicy } from './forwarded.ts';
import { isHashedBundle, securityHeaders } from './security-headers.ts';
import compression from 'compression';
import { staticFiles } from './static/serve-static.ts';
import { RETENTION_FILE } from '../curriculum/astro/integration.ts';
import { scheduleConnection, startRetentionSchedule } from '../attendance/members/retention-schedule.ts';
import type { RetentionSettings } from '../attendance/members/retention.ts';
import { DataKeyError, keySource, readKey } from '../attendance/crypto/data-key.ts';
import { prepareNames } from '../attendance/crypto/names-at-rest.ts';
import { connect, type Connection } from '../attendance/db/connect.ts';
import { prepareDatabase } from '../attendance/db/prepare.ts';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

// The data key before the first request: a malformed TEJIDO_DATA_KEY or key file, or a key that
// did not seal the names stored, stops the start here with a message naming it (names-at-rest.ts).
// Any other database problem is left to the first request, which answers it as before (/api/health).
try {
  await Promise.race([checkDataKey(), new Promise((resolve) => setTimeout(resolve, 15_000).unref())]);
} catch (error) {
  if (!(error instanceof DataKeyError)) throw error;
  console.error(error.message);
  process.exit(1);
}

async function checkDataKey() {
  readKey(keySource());
  let connection: Connection | undefined;
  try {
    connection = connect();
    await prepareDatabase(connection);
    await prepareNames(connection.db);
  } catch (error) {
    if (error instanceof DataKeyError) throw error;
  } finally {
    await connection?.db.destroy();
  }
}

const dist = resolve(process.argv[2] ?? 'dist');
// Import the adapter's handler without letting it start its own, header-less server.
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler, options } = (await import(pathToFileURL(join(dist, 'server', 'entry.mjs')).href)) as {
  handler: Handler;
  options: { host?: string | boolean; port?: number };
};
const csp = contentSecurityPolicy(
  JSON.parse(readFileSync(join(dist, 'server', SECURITY_FILE), 'utf8')) as SecurityManifest,
);
const trusts = trustPolicy();
// Static files first (precompressed at build, content-hash ETags); then Astro, whose pages, JSON
// and CSV are compressed on the fly above 1 KB by the `compression` middleware (brotli or gzip).
const clientDir = join(dist, 'client');
const serveStatic = staticFiles(clientDir);
const compress = compression({ threshold: 1024 }) as unknown as (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  next: () => void,
) => void;
/** Far above the largest route cap (5 MB for a roster CSV). */
const HANG_UP_BYTES = 64 * 1024 * 1024;

const listener: Handler = (req, res) => {
  const forwarded = resolveForwarded(trusts, {
    peer: req.socket.remoteAddress,
    encrypted: Boolean((req.socket as TLSSocket).encrypted),
    header: (name) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(',') : value;
    },
  });
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const bundle = isHashedBundle(clientDir, path);
  for (const [name, value] of Object.entries(
    securityHeaders({ csp, https: forwarded.protocol === 'https', path, bundle }),
  ))
    res.setHeader(name, value);
  // Routes refuse bodies over their own cap (src/api/body.ts) and Node then reads the rest away;
  // a declared body far beyond every cap is not worth reading at all: answer and hang up.
  if (Number(req.headers['content-length'] ?? 0) > HANG_UP_BYTES) {
    res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
    res.end(
      JSON.stringify({
        error: { code: 'payload_too_large', message: 'The body is larger than any route accepts.', field: 'body' },
      }),
    );
    return;
  }
  serveStatic(req, res, () => compress(req, res, () => handler(req, res)));
};

// The same settings as the adapter's standalone server: PORT, HOST, SERVER_CERT_PATH + SERVER_KEY_PATH.
const { SERVER_CERT_PATH: cert, SERVER_KEY_PATH: key } = process.env;
const server =
  cert && key
    ? https.createServer({ cert: readFileSync(cert), key: readFileSync(key) }, listener)
    : http.createServer(listener);
const port = Number(process.env.PORT ?? options.port ?? 8080);
const host =
  process.env.HOST ??
  (options.host === true ? '0.0.0.0' : typeof options.host === 'string' ? options.host : 'localhost');
// Once a day, erase the withdrawn members whose data are due (README, "Retention"), with this
// process's own connection (the bundle's is out of reach here). Unref'd: it never holds the process.
// A build from before retention has no settings file: no run rather than a guessed period.
const retentionFile = join(dist, 'server', RETENTION_FILE);
if (existsSync(retentionFile))
  startRetentionSchedule(scheduleConnection, JSON.parse(readFileSync(retentionFile, 'utf8')) as RetentionSettings);
else
  console.error(
    `retention: ${retentionFile} is missing (a build older than retention); no daily run until the site is built again`,
  );
server.listen(port, host, () => console.log(`Tejido listening on ${cert && key ? 'https' : 'http'}://${host}:${port}`));
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => server.close(() => process.exit(0)).closeAllConnections());
