import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { databases, startApi } from '../support/api-world.ts';

type Entry = { id: string; at: string; action: string };

describe.each(databases)('paging the audit log by (at, id) on %s', (kind) => {
  let api: Awaited<ReturnType<typeof startApi>>;
  /** Runs SQL straight on the server's database, as someone with a SQL prompt would. */
  let run: (sql: string, params?: (string | null)[]) => Promise<Record<string, unknown>[]>;
  let close: () => Promise<void>;
  // 40 entries in one millisecond, with 3 in the millisecond before and 3 after: more than five pages of 7 share one `at`.
  const tie = '2026-06-15T10:00:00.123Z';
  const around = ['2026-06-15T10:00:00.122Z', '2026-06-15T10:00:00.124Z'];

  beforeAll(async () => {
    api = await startApi(kind, 'auditpages');
    if (kind === 'sqlite') {
      const db = new DatabaseSync(join(api.server.dataDir, 'tejido.sqlite'), { timeout: 5000 });
      run = async (sql, params = []) => db.prepare(sql).all(...params) as Record<string, unknown>[];
      close = async () => db.close();
    } else {
      const client = new pg.Client({ connectionString: api.databaseUrl });
      await client.connect();
      run = async (sql, params = []) =>
        (
          await client.query(
            sql.replace(/\?/g, (_, i: number) => `$${sql.slice(0, i).split('?').length}`),
            params,
          )
        ).rows;
      close = () => client.end();
    }
    const insert = (at: string) =>
      run("insert into audit_log (id, at, actor_id, action) values (?, ?, null, 'test.tie')", [randomUUID(), at]);
    for (let i = 0; i < 40; i++) await insert(tie);
    for (const at of around) for (let i = 0; i < 3; i++) await insert(at);
  });
  afterAll(async () => {
    await close?.();
    await api?.stop();
  });

  async function page(query: string) {
    const answer = await api.admin.get(`/api/v1/audit?${query}`);
    expect(answer.status, answer.text).toBe(200);
    return answer.body as { entries: Entry[]; next: string | null };
  }

  test('limit 7 and `next` walk every entry exactly once, in (at desc, id desc) order, even while the log grows', async () => {
    const expected = (await run('select id from audit_log order by at desc, id desc')).map((r) => r.id as string);
    expect(expected.length).toBeGreaterThanOrEqual(46);
    expect((await run('select count(*) as n from audit_log where at = ?', [tie]))[0]).toEqual({
      n: kind === 'sqlite' ? 40 : '40',
    });

    const seen: Entry[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const { entries, next }: { entries: Entry[]; next: string | null } = await page(
        `limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      pages++;
      // Every page but the last is full; `next` is null exactly on the last one.
      if (next) expect(entries).toHaveLength(7);
      else expect(entries).toHaveLength(expected.length - 7 * (pages - 1));
      seen.push(...entries);
      // A write between pages is newer than the cursor: it neither shifts nor repeats what follows.
      if (pages === 1)
        expect(
          (
            await api.admin.post('/api/v1/regions', {
              id: randomUUID(),
              code: 'PAGE',
              name: 'Región escrita a media lectura',
            })
          ).status,
        ).toBe(201);
      cursor = next;
    } while (cursor && pages < 100);

    const ids = seen.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 7));
    expect(seen.filter((e) => e.at === tie)).toHaveLength(40);
    for (let i = 1; i < seen.length; i++) expect(seen[i - 1]!.at >= seen[i]!.at).toBe(true);
    // SQLite compares text byte by byte, as JavaScript does; PostgreSQL by its collation (checked above against its own ORDER BY).
    if (kind === 'sqlite')
      for (let i = 1; i < seen.length; i++)
        if (seen[i - 1]!.at === seen[i]!.at) expect(seen[i - 1]!.id > seen[i]!.id).toBe(true);
  });

  test('a page that ends inside a millisecond is followed by the rest of that millisecond, not by the one before', async () => {
    const tied = (await run('select id from audit_log where at = ? order by id desc', [tie])).map(
      (r) => r.id as string,
    );
    const newer = Number((await run('select count(*) as n from audit_log where at > ?', [tie]))[0]!.n);
    // A first page that stops 3 entries into the tie; the next page must begin with the 4th.
    const first = await page(`limit=${newer + 3}`);
    expect(first.entries.slice(-3).map((e) => e.id)).toEqual(tied.slice(0, 3));
    const second = await page(`limit=40&cursor=${encodeURIComponent(first.next!)}`);
    expect(second.entries.slice(0, 37).map((e) => e.id)).toEqual(tied.slice(3));
    expect(second.entries[37]?.at).toBe(around[0]);
  });

  test('`before` still filters by time: only entries strictly older than it', async () => {
    const older = Number((await run('select count(*) as n from audit_log where at < ?', [tie]))[0]!.n);
    expect(older).toBeGreaterThanOrEqual(3);
    const { entries, next } = await page(`limit=500&before=${tie}`);
    expect(entries).toHaveLength(older);
    expect(next).toBeNull();
    expect(entries.every((e) => e.at < tie)).toBe(true);
    // Written without milliseconds, it is still a time: 10:00:00Z is before every entry of 10:00:00.122.
    const whole = Number(
      (await run('select count(*) as n from audit_log where at < ?', ['2026-06-15T10:00:00.000Z']))[0]!.n,
    );
    expect((await page('limit=500&before=2026-06-15T10:00:00Z')).entries).toHaveLength(whole);
    expect(whole).toBe(older - 3);
  });

  test('a cursor the API did not give out is refused with 400 naming the field, and reveals nothing', async () => {
    const forged = (value: unknown) => encodeURIComponent(Buffer.from(JSON.stringify(value)).toString('base64url'));
    for (const cursor of [
      'abc',
      forged([tie, "x' or 1=1 --"]),
      forged({ at: tie }),
      forged(['ayer', randomUUID()]),
      forged([tie, randomUUID(), 'extra']),
      'A'.repeat(201),
    ]) {
      const answer = await api.admin.get(`/api/v1/audit?limit=7&cursor=${cursor}`);
      expect(answer.status, cursor).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'invalid_request', field: 'cursor' });
      expect(answer.body.entries).toBeUndefined();
    }
    // A well-formed position written by hand is only a position: it pages from there, as any cursor.
    const fromTie = await page(`limit=2&cursor=${forged([tie, 'ffffffff-ffff-4fff-bfff-ffffffffffff'])}`);
    expect(fromTie.entries.map((e) => e.at)).toEqual([tie, tie]);
  });
});
