// The "Preparar la sesión" panel of the built site lists each session's kit of printable aids and
// links its PDF in the page's language; sessions without aids show nothing of it.
import { describe, expect, test } from 'vitest';
import { builtPage, sourceCurriculum } from '../support/built-site.ts';
import { expectedSheets, sourceAidKits } from '../support/aid-kits.ts';
import { subjects } from '../support/content-subjects.ts';

const curriculum = sourceCurriculum();
const kits = sourceAidKits();
const { sessions: manualOne } = subjects(curriculum);

/** The kit part of a built page's panel, or '' when there is none. */
function kitPart(html: string): string {
  const start = html.indexOf('class="prepare-aids"');
  return start < 0 ? '' : html.slice(start, html.indexOf('</ul>', start));
}
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('the panel lists the kit of printable aids', () => {
  const cases = manualOne.flatMap((s) =>
    (['es', 'en'] as const).map(
      (lang) =>
        [
          s.id,
          lang,
          s,
          kits.find((k) => k.sessionId === s.id && k.lang === (lang === 'es' ? undefined : lang))!,
        ] as const,
    ),
  );

  test.each(cases)(
    '%s (%s): every aid by title with its count, and one link to the kit’s PDF in that language',
    (_id, lang, session, kit) => {
      const html = builtPage(lang === 'es' ? session.slug : `${lang}/${session.slug}`);
      const part = kitPart(html);
      expect(part, 'the kit in the panel').not.toBe('');
      // Inside the panel, after the materials it replaces.
      const panelStart = html.indexOf('class="prepare"');
      expect(html.indexOf('class="prepare-materials"')).toBeGreaterThan(panelStart);
      expect(html.indexOf('class="prepare-aids"')).toBeGreaterThan(html.indexOf('class="prepare-materials"'));
      const pdf = lang === 'es' ? `/pdf/aids/${session.id}.pdf` : `/pdf/aids/${lang}/${session.id}.pdf`;
      expect(part.match(/href="[^"]*"/g)).toEqual([`href="${pdf}"`]);
      const sheets = kit.aids.reduce((n, aid) => n + expectedSheets(aid), 0);
      const text = textOf(part);
      expect(text).toContain(
        lang === 'es' ? `Imprimir todo (PDF, ${sheets} hojas A4)` : `Print them all (PDF, ${sheets} A4 sheets)`,
      );
      expect(part.match(/<li data-aid=/g)).toHaveLength(kit.aids.length);
      for (const aid of kit.aids) {
        expect(text).toContain(aid.title.replace(/\s+/g, ' '));
        if (aid.forMaterial)
          expect(text).toContain(
            `${lang === 'es' ? 'En lugar de dibujar:' : 'Instead of drawing:'} ${aid.forMaterial}`,
          );
      }
    },
  );

  test('a session without aids shows no kit, and a printed card leaves the kit out', () => {
    const without = curriculum.sessions.find((s) => s.aids.length === 0)!;
    expect(kitPart(builtPage(without.slug))).toBe('');
    for (const s of manualOne) expect(kitPart(builtPage(`print/cards/${s.id}`))).toBe('');
  });

  test('the print view of each kit is built, in its language', () => {
    for (const kit of kits) {
      const html = builtPage(`print/aids/${kit.lang ? `${kit.lang}/` : ''}${kit.sessionId}`);
      expect(html).toContain(`<html lang="${kit.lang ?? 'es'}"`);
      expect(html.match(/<section class="aid-sheet /g)).toHaveLength(
        kit.aids.reduce((n, aid) => n + expectedSheets(aid), 0),
      );
    }
  });
});
