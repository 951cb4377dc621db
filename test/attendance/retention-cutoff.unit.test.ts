import { describe, expect, test } from 'vitest';
import { organisationSchema } from '../../src/curriculum/schemas/organisation.ts';
import { retentionCutoff } from '../../src/attendance/members/retention.ts';

describe('retention settings', () => {
  test('the cutoff is the same day the given number of years before today (UTC)', () => {
    expect(retentionCutoff(2, new Date('2026-12-01T23:59:00Z'))).toBe('2024-12-01');
    expect(retentionCutoff(5, new Date('2026-01-01T00:00:00Z'))).toBe('2021-01-01');
    // 29 February two years back is 1 March.
    expect(retentionCutoff(2, new Date('2028-02-29T12:00:00Z'))).toBe('2026-03-01');
  });

  test('an organisation without a retention block keeps withdrawn members 2 years and the audit log 5', () => {
    const org = organisationSchema.parse({ name: 'Caja', shortName: 'Caja', country: 'pe', defaultLanguage: 'es' });
    expect(org.retention).toEqual({ withdrawnMemberYears: 2, auditLogYears: 5 });
  });

  test('a retention period must be a whole number of years, at least 1', () => {
    const base = { name: 'Caja', shortName: 'Caja', country: 'pe', defaultLanguage: 'es' };
    const issues = (retention: unknown) =>
      organisationSchema
        .safeParse({ ...base, retention })
        .error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues({ withdrawnMemberYears: 0 })).toEqual(['retention.withdrawnMemberYears: must be at least 1 year']);
    expect(issues({ withdrawnMemberYears: 1.5 })).toEqual([
      'retention.withdrawnMemberYears: must be a whole number of years',
    ]);
    expect(issues({ auditLogYears: 1 })).toBeUndefined();
  });
});
