import { describe, expect, test } from 'vitest';
import { addressBucket } from '../../src/attendance/auth/address-bucket.ts';

describe('the address a sign-in is throttled by', () => {
  test('is an IPv4 address as is, also when written IPv4-mapped', () => {
    expect(addressBucket('190.42.7.1')).toBe('190.42.7.1');
    expect(addressBucket('::ffff:190.42.7.1')).toBe('190.42.7.1');
    expect(addressBucket(null)).toBe('unknown');
  });

  test('is the /64 of an IPv6 address, however it is written, so a phone cannot take a new address per guess', () => {
    const bucket = '2800:200:e840:1a2b::/64';
    for (const address of [
      '2800:200:e840:1a2b::1',
      '2800:0200:E840:1A2B:ffff:ffff:ffff:fffe',
      '2800:200:e840:1a2b:0:0:0:7',
      '2800:200:e840:1a2b::1%eth0',
    ])
      expect(addressBucket(address)).toBe(bucket);
    expect(addressBucket('2800:200:e840:1a2c::1')).not.toBe(bucket);
    expect(addressBucket('2800::1')).toBe('2800:0:0:0::/64');
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
  });
});
