import { afterEach, describe, expect, test, vi } from 'vitest';
import { contracts } from '../../src/api/v1/contracts.ts';
import { listMembers, pathOf, Refusal, routes, sendBatch } from '../../src/field-app/attendance/api.ts';

afterEach(() => vi.unstubAllGlobals());

/** Stubs fetch with one answer and keeps what was asked. */
function answer(status: number, body: unknown) {
  const asked: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    asked.push({ url, init });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  return asked;
}

describe('the field app calls routes by their contract', () => {
  test('every route it calls has the method and path of its contract', () => {
    for (const [name, [method, path]] of Object.entries(routes)) {
      const contract = contracts[name as keyof typeof contracts];
      expect({ name, method, path }).toEqual({ name, method: contract.method, path: contract.path });
    }
    expect(Object.keys(routes)).toHaveLength(9);
  });

  test('path parameters are filled in and encoded, so an id cannot climb to another route', () => {
    expect(pathOf('/banks/{bankId}/members', { bankId: 'b-1' })).toBe('/banks/b-1/members');
    expect(pathOf('/banks/{bankId}/members', { bankId: '../users' })).toBe('/banks/..%2Fusers/members');
    expect(() => pathOf('/deliveries/{deliveryId}/attendance', {})).toThrow('no value for {deliveryId}');
  });

  test('a call sends the token and JSON body to the contract path and returns the answer', async () => {
    const asked = answer(200, { members: [{ id: 'm' }] });
    expect(await listMembers('tok', 'a/b')).toEqual([{ id: 'm' }]);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.url).toBe('/api/v1/banks/a%2Fb/members');
    expect(asked[0]!.init).toMatchObject({
      method: 'GET',
      headers: { authorization: 'Bearer tok' },
      credentials: 'omit',
    });

    const posted = answer(200, { saved: 1 });
    await sendBatch('tok', { id: 'x' } as never);
    expect(posted[0]!.url).toBe('/api/v1/attendance-batches');
    expect(posted[0]!.init).toMatchObject({
      method: 'POST',
      body: '{"id":"x"}',
      headers: { 'content-type': 'application/json' },
    });
  });

  test('an error answer becomes a Refusal carrying its rule, never read from the message', async () => {
    answer(409, { error: { code: 'conflict', message: 'otro texto', rule: 'delivery_exists', storedId: 's-1' } });
    const refusal = await sendBatch('tok', {} as never).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(Refusal);
    expect(refusal).toMatchObject({ status: 409, code: 'conflict', rule: 'delivery_exists', storedId: 's-1' });
  });
});
