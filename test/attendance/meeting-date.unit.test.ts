import { describe, expect, test } from 'vitest';
import { isAfterToday } from '../../src/attendance/deliveries/meeting-date.ts';

describe('a meeting date after today', () => {
  const at = (iso: string) => new Date(iso);
  test('at 23:30 in Lima (04:30 UTC the next day) the local date and the UTC date are both accepted', () => {
    expect(isAfterToday('2026-12-01', at('2026-12-02T04:30:00Z'))).toBe(false);
    expect(isAfterToday('2026-12-02', at('2026-12-02T04:30:00Z'))).toBe(false);
  });
  test('the date of the first time zone to start a day (UTC+14) is accepted, the day after it is not', () => {
    expect(isAfterToday('2026-12-02', at('2026-12-01T10:00:00Z'))).toBe(false);
    expect(isAfterToday('2026-12-03', at('2026-12-01T10:00:00Z'))).toBe(true);
    expect(isAfterToday('2030-01-15', at('2026-12-01T10:00:00Z'))).toBe(true);
  });
});
