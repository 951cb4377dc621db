import { describe, expect, test } from 'vitest';
import { resolveForwarded, trustPolicy } from '../../src/server/forwarded.ts';

const request = (peer: string, headers: Record<string, string> = {}, encrypted = false) => ({
  peer,
  encrypted,
  header: (name: string) => headers[name],
});
const forged = {
  host: 'tejido.test:4321',
  'x-forwarded-for': '6.6.6.6, 203.0.113.7',
  'x-forwarded-proto': 'https',
  'x-forwarded-host': 'tejido.example.org',
};

describe('reading X-Forwarded-* only from trusted proxies', () => {
  test.each([undefined, '', '0', 'false'])('TRUST_PROXY=%j: the headers change nothing', (setting) => {
    expect(resolveForwarded(trustPolicy(setting), request('::ffff:127.0.0.1', forged))).toEqual({
      address: '127.0.0.1',
      protocol: 'http',
      host: 'tejido.test:4321',
    });
  });

  test('one hop: the address the proxy appended, not what the client wrote before it', () => {
    expect(resolveForwarded(trustPolicy('1'), request('127.0.0.1', forged))).toEqual({
      address: '203.0.113.7',
      protocol: 'https',
      host: 'tejido.example.org',
    });
  });

  test('two hops walk one address further; more hops than addresses stop at the first', () => {
    expect(resolveForwarded(trustPolicy('2'), request('127.0.0.1', forged)).address).toBe('6.6.6.6');
    expect(resolveForwarded(trustPolicy('5'), request('127.0.0.1', forged)).address).toBe('6.6.6.6');
  });

  test('a list of proxies: believed from a listed peer, and every listed hop is skipped', () => {
    const policy = trustPolicy('10.0.0.0/8, 127.0.0.1');
    expect(
      resolveForwarded(policy, request('10.1.2.3', { 'x-forwarded-for': '6.6.6.6, 198.51.100.4, 10.9.9.9' })).address,
    ).toBe('198.51.100.4');
    expect(resolveForwarded(policy, request('192.0.2.1', forged))).toEqual({
      address: '192.0.2.1',
      protocol: 'http',
      host: 'tejido.test:4321',
    });
  });

  test('nonsense in the headers is ignored, even from a trusted proxy', () => {
    const odd = {
      host: 'tejido.test',
      'x-forwarded-for': 'not-an-ip',
      'x-forwarded-proto': 'gopher',
      'x-forwarded-host': 'evil.example/path',
    };
    expect(resolveForwarded(trustPolicy('1'), request('127.0.0.1', odd))).toEqual({
      address: '127.0.0.1',
      protocol: 'http',
      host: 'tejido.test',
    });
  });

  test('a setting that is neither a number nor addresses stops the server with a message that says how to write it', () => {
    expect(() => trustPolicy('proxy.example.org')).toThrow(
      'TRUST_PROXY: "proxy.example.org" is not an address or CIDR range. Use a number of hops (e.g. 1) or addresses like 10.0.0.0/8,127.0.0.1.',
    );
  });

  test('TLS terminated by this server is https without any header', () => {
    expect(resolveForwarded(trustPolicy(undefined), request('127.0.0.1', { host: 'tejido.test' }, true)).protocol).toBe(
      'https',
    );
  });
});
