import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contracts, type ContractName } from '../../src/api/v1/contracts.ts';
import { formatFieldPath } from '../../src/curriculum/content-error.ts';
import { ApiClient } from '../support/api-client.ts';
import { databases, members, seedWorld, startApi, type World } from '../support/api-world.ts';
import { pathOf, validRequests, type Caller, type Fixtures } from '../support/valid-requests.ts';

const MB = 1024 * 1024;

/** Every string leaf of a JSON value, with its path as the API names fields (members[0].displayName). */
function stringLeaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, [...path, i]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...path, k]));
  return [];
}

function withLeaf(value: Record<string, unknown>, path: (string | number)[], leaf: string): Record<string, unknown> {
  const copy = structuredClone(value);
  let target: any = copy;
  for (const key of path.slice(0, -1)) target = target[key];
  target[path.at(-1) as string | number] = leaf;
  return copy;
}

describe.each(databases)('limits and bad input on %s', (kind) => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let world: World;
  let fixtures: Fixtures;
  const clientOf = (caller: Caller): ApiClient | undefined =>
    caller === 'anonymous' ? undefined : caller === 'admin' ? world.admin : world.users[caller].client;

  beforeAll(async () => {
    api = await startApi(kind, 'limits');
    world = await seedWorld(api.server.url, api.admin);
    const roster = members(3);
    expect(
      (await world.users.facA.client.post(`/api/v1/banks/${world.banks.a1}/members`, { members: roster })).status,
    ).toBe(200);
    const workshopId = randomUUID();
    expect(
      (
        await world.users.coordA.client.post('/api/v1/workshops', {
          id: workshopId,
          regionId: world.regions.a,
          title: 'Taller',
          startsOn: '2026-05-04',
          days: 3,
        })
      ).body.status,
    ).toBe('created');
    fixtures = { world, memberIds: roster.map((m) => m.id), workshopId };
  });
  afterAll(() => api?.stop());

  const cookieOf = async (caller: 'facA' | 'admin') => {
    const answer = await fetch(`${api.server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: caller === 'admin' ? 'admin@tejido.test' : 'faca@tejido.test',
        password: 'una-clave-muy-larga-2026',
      }),
    });
    return answer.headers.getSetCookie()[0]?.split(';')[0] as string;
  };

  /**
   * Posts 20 MB with node:http, one 1 MB chunk at a time, each only once the socket has taken the
   * last (so the client never runs ahead of what the server reads by more than the kernel's
   * buffers). node:http hands over the response as soon as it arrives (fetch waits until its
   * upload is finished), so `chunksWrittenBeforeAnswer` says how much of the body the client had
   * given away when the server refused it: an ordering, not a time, so a busy machine cannot make
   * it flake. How long the refusal takes is a figure of `npm run bench` (bench/abuse.ts).
   */
  function postTwentyMb(path: string, cookie: string, chunked: boolean) {
    const chunk = Buffer.alloc(MB, 'a');
    return new Promise<{ status: number; json: unknown; chunksWrittenBeforeAnswer: number; ended: boolean }>(
      (resolve, reject) => {
        const { hostname, port } = new URL(api.server.url);
        const headers = {
          'content-type': 'application/json',
          cookie,
          ...(chunked ? {} : { 'content-length': String(20 * MB) }),
        };
        let sent = 0;
        let ended = false;
        let answered = false;
        const request = httpRequest({ hostname, port, path, method: 'POST', headers }, (response) => {
          answered = true;
          const at = { chunksWrittenBeforeAnswer: sent, ended };
          let text = '';
          response
            .on('data', (c) => (text += c))
            .on('end', () => resolve({ status: response.statusCode ?? 0, json: JSON.parse(text), ...at }));
        });
        // Once answered, the server may hang up on the rest of the upload: that is the point.
        request.on('error', (error) => answered || reject(error));
        const more = () => {
          while (sent < 20 && !answered) {
            sent++;
            if (!request.write(chunk)) return void request.once('drain', more);
          }
          ended = true;
          request.end();
        };
        more();
      },
    );
  }

  test.each(['with Content-Length', 'streamed in chunks'] as const)(
    'a 20 MB body %s is refused with 413 before the client has sent it all, and the server’s memory barely grows',
    async (how) => {
      const cookie = await cookieOf('admin');
      const rssBefore = api.server.rssBytes();
      const answer = await postTwentyMb('/api/v1/regions', cookie, how === 'streamed in chunks');
      expect(answer.status).toBe(413);
      expect(answer.json).toEqual({
        error: {
          code: 'payload_too_large',
          message: 'The body is larger than 1 MB, the most this route accepts.',
          field: 'body',
        },
      });
      // The refusal came while the upload was still going: the server answered on the route's
      // 1 MB cap, not after reading 20 MB. (The kernel's socket buffers hold a few MB in flight.)
      expect(answer.ended).toBe(false);
      expect(answer.chunksWrittenBeforeAnswer).toBeLessThan(20);
      // fetch, which finishes its upload before it reads the answer, gets the 413 too; by then the
      // server has taken in 40 MB, and its memory is measured.
      const viaFetch = await fetch(`${api.server.url}/api/v1/regions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: Buffer.alloc(20 * MB, 'a'),
      });
      expect(viaFetch.status).toBe(413);
      const growth = api.server.rssBytes() - rssBefore;
      console.log(
        `[limits] ${kind}, 20 MB ${how}: 413 after ${answer.chunksWrittenBeforeAnswer} MB written; server RSS +${(growth / MB).toFixed(1)} MB after 2 × 20 MB`,
      );
      expect(growth).toBeLessThan(100 * MB);
      expect((await world.admin.get('/api/v1/regions')).status).toBe(200);
    },
  );

  test('a declared body of 10 GB is answered 413 and the connection closed after 6 bytes of it', async () => {
    const { hostname, port } = new URL(api.server.url);
    const answer = await new Promise<{ status: number; connection: string | undefined; text: string }>(
      (resolve, reject) => {
        const request = httpRequest(
          {
            hostname,
            port,
            path: '/api/v1/regions',
            method: 'POST',
            headers: { 'content-type': 'application/json', 'content-length': String(10 * 1024 * MB) },
          },
          (response) => {
            let text = '';
            response
              .on('data', (c) => (text += c))
              .on('end', () =>
                resolve({ status: response.statusCode ?? 0, connection: response.headers.connection, text }),
              );
          },
        );
        request.on('error', reject);
        request.write('{"id":');
      },
    );
    // Only 6 bytes of the 10 GB were ever written: the answer cannot have waited for the body.
    expect(answer).toEqual({
      status: 413,
      connection: 'close',
      text: JSON.stringify({
        error: { code: 'payload_too_large', message: 'The body is larger than any route accepts.', field: 'body' },
      }),
    });
  });

  test('an oversized body is refused before signing in is even checked; the roster CSV route allows 5 MB', async () => {
    const big = 'x'.repeat(MB + 1);
    // Many times over: the client must always be able to finish sending and read the answer.
    for (let i = 0; i < 20; i++) {
      const anonymous = await fetch(`${api.server.url}/api/v1/attendance-batches`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: big,
      });
      expect(anonymous.status).toBe(413);
      await anonymous.text();
    }
    // 1 MB + 1 byte is fine for the CSV route: it goes on to parse the file (and refuses its content).
    const csv = await world.users.facA.client.request('POST', `/api/v1/banks/${world.banks.a1}/members.csv`, {
      text: big,
      contentType: 'text/csv',
    });
    expect(csv.status).toBe(400);
    const tooBigCsv = await world.users.facA.client.request('POST', `/api/v1/banks/${world.banks.a1}/members.csv`, {
      text: 'x'.repeat(5 * MB + 1),
      contentType: 'text/csv',
    });
    expect(tooBigCsv.status).toBe(413);
    expect(tooBigCsv.body.error).toEqual({
      code: 'payload_too_large',
      message: 'The body is larger than 5 MB, the most this route accepts.',
      field: 'body',
    });
  });

  test('bytes that are not UTF-8 are refused naming the body, not stored as replacement characters', async () => {
    const cookie = await cookieOf('admin');
    const body = Buffer.concat([
      Buffer.from('{"id":"' + randomUUID() + '","code":"UTF","name":"A'),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from('"}'),
    ]);
    const answer = await fetch(`${api.server.url}/api/v1/regions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body,
    });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({
      error: { code: 'invalid_request', message: 'The body is not valid UTF-8 text.', field: 'body' },
    });
  });

  test('a NUL or a lone surrogate in any text field of any JSON body is a 400 naming that field', async () => {
    const requests = validRequests(fixtures);
    const tried: string[] = [];
    for (const [name, request] of Object.entries(requests) as [ContractName, (typeof requests)[ContractName]][]) {
      if (!request.json) continue;
      for (const path of stringLeaves(request.json)) {
        const field = formatFieldPath(path);
        for (const bad of ['a\u0000b', 'a\ud800b', '\udc00']) {
          const client = clientOf(request.caller) ?? new ApiClient(api.server.url);
          const answer = await client.request(contracts[name].method, pathOf(contracts[name].path, request.params), {
            json: withLeaf(request.json, path, bad),
          });
          expect({
            route: name,
            field,
            status: answer.status,
            code: answer.body?.error?.code,
            named: answer.body?.error?.field,
          }).toEqual({ route: name, field, status: 400, code: 'invalid_request', named: field });
        }
        tried.push(`${name}:${field}`);
      }
    }
    // Every text field of every JSON body (ids, codes, names, dates, enums, e-mails, passwords).
    expect(tried).toHaveLength(53);
  });

  test('a NUL in a query string or a path is a 400 naming the parameter; a surrogate there cannot even be decoded', async () => {
    const requests = (bad: string) => [
      world.users.coordA.client.get(`/api/v1/indicators?programmeId=${bad}`),
      world.users.facA.client.get(`/api/v1/activities?from=2026-01-01${bad}`),
      world.users.facA.client.get(`/api/v1/banks/${world.banks.a1}${bad}/members`),
    ];
    for (const bad of ['%00', 'a%00b']) {
      const answers = await Promise.all(requests(bad));
      expect(answers.map((a) => [a.status, a.body.error.code, a.body.error.field])).toEqual([
        [400, 'invalid_request', 'programmeId'],
        [400, 'invalid_request', 'from'],
        [400, 'invalid_request', 'bankId'],
      ]);
    }
    // %ED%A0%80 is a lone surrogate written as if it were UTF-8: the adapter refuses any URL that
    // does not decode, before routing, with a plain-text 400.
    const answers = await Promise.all(requests('%ED%A0%80'));
    expect(answers.map((a) => [a.status, a.text])).toEqual(Array(3).fill([400, 'Bad request.']));
  });

  test('a NUL or a lone surrogate in a roster CSV cell is refused naming the line and the column', async () => {
    const client = world.users.facA.client;
    const answer = await client.request('POST', `/api/v1/banks/${world.banks.a1}/members.csv`, {
      text: 'member_code,display_name,enrolled_on\nN-001,Rosa\u0000Quispe,2026-03-01\nN-002,Juana\ud800,2026-03-01\n',
      contentType: 'text/csv',
    });
    // A lone surrogate cannot be sent as UTF-8 at all: fetch writes U+FFFD, the mark of a letter lost
    // on the way, which a roster refuses as well.
    expect(answer.status).toBe(422);
    const damaged = {
      field: 'display_name',
      message: 'has a character that is not a letter (a damaged accent or a control character)',
      rule: 'roster.encoding_damaged',
      params: {},
    };
    expect(answer.body.error.rows).toEqual([
      { row: 2, ...damaged },
      { row: 3, ...damaged },
    ]);
  });

  test('a roster of 20,000 rows is imported in one transaction; 20,001 rows are refused naming the limit', async () => {
    const lines = (count: number, prefix: string) =>
      [
        'member_code,display_name,enrolled_on',
        ...Array.from({ length: count }, (_, i) => `${prefix}-${i},Socia ${i},2026-03-01`),
      ].join('\n') + '\n';
    const started = performance.now();
    const imported = await world.users.facA.client.request('POST', `/api/v1/banks/${world.banks.a1}/members.csv`, {
      text: lines(20_000, 'M'),
      contentType: 'text/csv',
    });
    console.log(`[limits] ${kind}: 20,000-row roster imported in ${(performance.now() - started).toFixed(0)} ms`);
    expect(imported.status, imported.text).toBe(200);
    expect(imported.body).toEqual({ created: 20_000, unchanged: 0 });
    const again = await world.users.facA.client.request('POST', `/api/v1/banks/${world.banks.a1}/members.csv`, {
      text: lines(20_000, 'M'),
      contentType: 'text/csv',
    });
    expect(again.body).toEqual({ created: 0, unchanged: 20_000 });
    const roster = await world.users.facA.client.get(`/api/v1/banks/${world.banks.a1}/members`);
    expect(roster.body.members.filter((m: { memberCode: string }) => m.memberCode.startsWith('M-'))).toHaveLength(
      20_000,
    );

    const refused = await world.users.facA.client.request('POST', `/api/v1/banks/${world.banks.a1}/members.csv`, {
      text: lines(20_001, 'Z'),
      contentType: 'text/csv',
    });
    expect(refused.status).toBe(413);
    expect(refused.body.error).toEqual({
      code: 'payload_too_large',
      field: 'file',
      rule: 'roster.too_many_rows',
      params: { limit: 20_000 },
      limit: 20_000,
      message: 'The file has 20001 member rows; at most 20000 are imported at once. Split it into smaller files.',
    });
    const after = await world.users.facA.client.get(`/api/v1/banks/${world.banks.a1}/members`);
    expect(after.body.members.some((m: { memberCode: string }) => m.memberCode.startsWith('Z-'))).toBe(false);
  });
});
