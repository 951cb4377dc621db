import { describe, expect, test } from 'vitest';
import { checkContent } from '../../src/curriculum/check.ts';
import { manualsOfProgramme, sessionsOfManual } from '../../src/curriculum/resolve.ts';
import { projectRoot } from '../support/content-root.ts';

/**
 * FINCA Perú's own curriculum, as its content says it: the facts the engine tests used to name
 * and now read from the content (test/support/content-subjects.ts). Editing the curriculum may
 * change these numbers on purpose; it should never break an engine test.
 */
// Read once. Not a unit test on purpose: checking the whole content takes seconds on a busy machine,
// which would crowd the unit project's 5-second tests running beside it.
const { curriculum: checked, organisation, errors } = checkContent(projectRoot);
if (!checked || errors.length) throw new Error(`content has errors: ${JSON.stringify(errors)}`);
const curriculum = checked;

describe('the IMAGE Perú curriculum', () => {
  test('two programmes: IMAGE Perú with its 4 manuals and 34 sessions, and a savings programme with 9', () => {
    expect(curriculum.programmes.map((p) => p.id)).toEqual(['imagen-peru', 'ahorro-para-el-futuro']);
    expect(manualsOfProgramme(curriculum, 'imagen-peru').map((m) => m.id)).toEqual([
      'genero-y-violencia',
      'lideresas',
      'movilizacion',
      'formadoras',
    ]);
    expect(
      curriculum.programmes.map((p) => [p.id, curriculum.sessions.filter((s) => s.programme === p.id).length]),
    ).toEqual([
      ['imagen-peru', 34],
      ['ahorro-para-el-futuro', 9],
    ]);
  });

  test('manual 1 has 7 sessions, all counted toward completion; manual 2 is laid out as 4 days', () => {
    const manualOne = sessionsOfManual(curriculum, 'genero-y-violencia');
    expect(manualOne.map((s) => s.order)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(curriculum.programmes.find((p) => p.id === 'imagen-peru')?.completionRule).toEqual({
      manual: 'genero-y-violencia',
      minSessions: 4,
    });
    expect([...new Set(sessionsOfManual(curriculum, 'lideresas').map((s) => s.day))]).toEqual([1, 2, 3, 4]);
  });

  test('the safety plan the organisation names is the handout hoja-plan-de-seguridad', () => {
    expect(organisation?.safetyPlanHandout).toBe('hoja-plan-de-seguridad');
  });
});
