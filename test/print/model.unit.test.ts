import { describe, expect, test } from 'vitest';
import { sessionsOfManual } from '../../src/curriculum/resolve.ts';
import { bookOf } from '../../src/print/book.ts';
import { helpHandoutServices } from '../../src/print/handouts.ts';
import { licenceOf } from '../../src/print/licence.ts';
import { parseDestinations } from '../../src/print/pdf-info.ts';
import { cssString } from '../../src/print/css-string.ts';
import { sourceCurriculum } from '../support/built-site.ts';
import { subjects } from '../support/content-subjects.ts';

const curriculum = sourceCurriculum();

describe('print model', () => {
  test('page numbers of named destinations are read from pdfinfo -dests', () => {
    const output =
      'Page  Destination                 Name\n   3 [ XYZ    6  826 null      ] "presentacion"\n  12 [ XYZ    6  826 null      ] "sesion-gv-quien-decide"\n';
    expect(Object.fromEntries(parseDestinations(output))).toEqual({ presentacion: 3, 'sesion-gv-quien-decide': 12 });
  });

  test('licences print with their short name and address', () => {
    expect(licenceOf('CC-BY-SA-4.0')).toEqual({
      label: 'CC BY-SA 4.0',
      url: 'https://creativecommons.org/licenses/by-sa/4.0/',
    });
    expect(licenceOf('CC0-1.0').url).toBe('https://creativecommons.org/publicdomain/zero/1.0/');
    expect(licenceOf('MIT')).toEqual({ label: 'MIT', url: 'https://spdx.org/licenses/MIT.html' });
  });

  test('a running head is a safe CSS string', () => {
    expect(cssString('Manual "1" \\ fin')).toBe('"Manual \\"1\\" \\\\ fin"');
  });

  test('the help sheet lists the services a manual refers to, in the directory’s order, or all when it refers to none', () => {
    for (const manual of curriculum.manuals) {
      const cited = new Set(sessionsOfManual(curriculum, manual.id).flatMap((s) => s.safety?.referral ?? []));
      const keys = helpHandoutServices(curriculum, manual.id).map((s) => s.key);
      const directory = curriculum.referrals.services.map((s) => s.key);
      expect(keys).toEqual(cited.size ? directory.filter((k) => cited.has(k)) : directory);
    }
  });

  test('a book is dated by its most recently reviewed session and groups workshop days', () => {
    const book = bookOf(curriculum, subjects(curriculum).manualByDays!.id);
    expect(book.reviewed).toBe(
      book.sessions
        .map((s) => s.lastReviewed)
        .sort()
        .at(-1),
    );
    expect(book.days.map((d) => d.day)).toEqual([...new Set(book.sessions.map((s) => s.day))].sort((a, b) => a! - b!));
    expect(book.days.flatMap((d) => d.sessions)).toEqual(book.sessions);
  });
});
