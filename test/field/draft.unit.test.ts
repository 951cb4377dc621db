import { describe, expect, test } from 'vitest';
import { draftEntry, type Draft } from '../../src/field-app/attendance/draft.ts';
import type { OpenRollCall } from '../../src/field-app/attendance/state.ts';
import type { QueuedRollCall } from '../../src/field-app/attendance/store.ts';

/** What a save puts in the queue, apart from the page: the rules the controller used to hold inline. */
const members = ['m1', 'm2', 'm3', 'm4'].map((id, i) => ({ id, memberCode: `C-${i + 1}`, displayName: `Name ${id}` }));
const draft = (over: Partial<Draft> = {}): Draft => ({
  userId: 'u1',
  bank: { id: 'b1', regionId: 'r1', code: 'BC-1', name: 'Banco', facilitatorId: 'u1' },
  sessionId: 's1',
  sessionTitle: 'Sesión 1',
  deliveredOn: '2026-05-12',
  members,
  present: new Set(['m1', 'm3']),
  ...over,
});
const opened = (over: Partial<OpenRollCall> = {}): OpenRollCall => ({
  deliveryId: 'd1',
  saved: new Map([
    ['m1', true],
    ['m2', false],
    ['m3', true],
  ]),
  recordIds: new Map([
    ['m1', 'r1'],
    ['m2', 'r2'],
    ['m3', 'r3'],
  ]),
  basedOn: 2,
  readOnly: false,
  ...over,
});

describe('the entry a save queues', () => {
  test('a new roll call: every member with a fresh record id, codes and no names, no steps unless touched', () => {
    const { entry } = draftEntry(draft())!;
    expect(entry).toMatchObject({ kind: 'batch', status: 'pending', attempts: 0, bankCode: 'BC-1' });
    expect(entry.delivery).toEqual({ id: entry.id, bankId: 'b1', sessionId: 's1', deliveredOn: '2026-05-12' });
    expect(entry.records.map((r) => [r.memberCode, r.present])).toEqual([
      ['C-1', true],
      ['C-2', false],
      ['C-3', true],
      ['C-4', false],
    ]);
    expect(new Set(entry.records.map((r) => r.id)).size).toBe(4);
    expect(JSON.stringify(entry)).not.toContain('Name');
    expect('stepsDone' in entry).toBe(false);
    expect(draftEntry(draft({ steps: [0, 2] }))!.entry.stepsDone).toEqual([0, 2]);
  });

  test('a correction sends only the changed marks, keeps the record ids and is based on the open version', () => {
    // m3 unmarked, m4 (not in the saved list) marked: two changes; m1, m2 unchanged.
    const result = draftEntry(draft({ present: new Set(['m1', 'm4']), open: opened() }))!;
    expect(result.changes).toBe(2);
    expect(result.entry).toMatchObject({ kind: 'correction', basedOn: 2, delivery: { id: 'd1' } });
    expect(result.entry.changes).toEqual([
      { memberId: 'm3', memberCode: 'C-3', present: false },
      { memberId: 'm4', memberCode: 'C-4', present: true },
    ]);
    expect(result.entry.records.slice(0, 3).map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
  });

  test('nothing changed and no steps touched: nothing to save; a member missing from the list and absent is no change', () => {
    expect(draftEntry(draft({ present: new Set(['m1', 'm3']), open: opened() }))).toBeUndefined();
  });

  test('a correction of the steps alone names one unchanged mark (the API wants one) and carries the steps', () => {
    const result = draftEntry(draft({ open: opened(), steps: [1] }))!;
    expect(result.changes).toBe(0);
    expect(result.entry.changes).toEqual([{ memberId: 'm1', memberCode: 'C-1', present: true }]);
    expect(result.entry.stepsDone).toEqual([1]);
  });

  test('steps left alone in a correction stay those of the version before', () => {
    const latest = { stepsDone: [0, 3] } as QueuedRollCall;
    const result = draftEntry(draft({ present: new Set(['m1']), open: opened({ latest }) }))!;
    expect(result.entry.stepsDone).toEqual([0, 3]);
  });

  test('this phone’s unsent roll call is rewritten in place: same id and delivery, its steps kept', () => {
    const unsentBatch = draftEntry(draft({ steps: [2] }))!.entry;
    const open = opened({ deliveryId: unsentBatch.id, unsentBatch, recordIds: new Map([['m1', 'x1']]) });
    const result = draftEntry(draft({ present: new Set(['m2']), open }))!;
    expect(result.entry).toMatchObject({ id: unsentBatch.id, kind: 'batch', delivery: unsentBatch.delivery });
    expect(result.entry.stepsDone).toEqual([2]);
    expect(result.entry.records.find((r) => r.memberId === 'm1')?.id).toBe('x1');
    expect(result.entry.records.filter((r) => r.present).map((r) => r.memberId)).toEqual(['m2']);
  });
});
