import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { manualsOfProgramme } from '../../src/curriculum/resolve.ts';
import { confidentialityIn } from '../../src/curriculum/schemas/index.ts';
import { pdfFiles, printPages } from '../../src/print/urls.ts';
import { builtPage, clientDir, sourceCurriculum } from '../support/built-site.ts';
import { checkContent } from '../../src/curriculum/check.ts';
import { projectRoot } from '../support/content-root.ts';
import { subjects } from '../support/content-subjects.ts';

// Issue 14: on the real built pages, every session of manual 1 (Spanish and English) has a safety
// box that says the limits of confidentiality from the referral directory and links the safety plan.
const curriculum = sourceCurriculum();
const organisation = checkContent(projectRoot).organisation!;
/** The first manual of the first programme that works on violence: its sessions all carry safety guidance. */
const { programme, manual, sessions: manualOne } = subjects(curriculum);
const plan = curriculum.handouts.find((h) => h.id === organisation.safetyPlanHandout)!;
const languages = [
  { lang: 'es', prefix: '' },
  { lang: 'en', prefix: 'en/' },
] as const;
const pages = languages.flatMap(({ lang, prefix }) => manualOne.map((s) => [lang, s.order, s, prefix] as const));

/** Every `<aside class="safety">…</aside>` of a page (the box holds no other aside). */
function safetyBoxes(html: string): string[] {
  return [...html.matchAll(/<aside class="safety"[\s\S]*?<\/aside>/g)].map((m) => m[0]);
}

/** Visible text of an HTML fragment: tags dropped, character references decoded, spaces folded. */
function textOf(html: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec) => String.fromCodePoint(Number(dec)))
    .replace(/&([a-z]+);/g, (whole, name) => named[name] ?? whole)
    .replace(/\s+/g, ' ');
}

const hrefsOf = (html: string) => [...html.matchAll(/<a [^>]*href="([^"]+)"/g)].map((m) => m[1]);

describe('the safety box of every session of manual 1', () => {
  test('the manual has sessions, and the organisation names a safety plan that is a handout', () => {
    expect(manualOne.map((s) => s.id)).toEqual(manual.sessions);
    expect(curriculum.handouts.map((h) => h.id)).toContain(organisation.safetyPlanHandout);
    expect(plan.id).toBe(organisation.safetyPlanHandout);
  });

  test.each(pages)(
    '(%s) session %i: one box, with the directory’s script in the page’s language',
    (lang, _order, session, prefix) => {
      const html = builtPage(`${prefix}${session.slug}`);
      expect(html).toContain(`lang="${lang}"`);
      const boxes = safetyBoxes(html);
      expect(boxes).toHaveLength(1);
      const text = textOf(boxes[0]!);
      const { script } = confidentialityIn(curriculum.referrals.confidentiality, lang);
      expect(script).toHaveLength(5);
      for (const line of script) expect(text).toContain(line);
      // The script is said before she tells: it comes before the disclosure steps.
      expect(boxes[0]!.indexOf('class="safety-script"')).toBeLessThan(boxes[0]!.indexOf('<ol>'));
    },
  );

  test.each(pages)(
    '(%s) session %i: the box links the safety plan’s page and its PDF, both built',
    (_lang, _order, session, prefix) => {
      const box = safetyBoxes(builtPage(`${prefix}${session.slug}`))[0]!;
      // Its phone numbers are tel: links too (test/e2e/panel-at-a-glance.test.ts checks those).
      const links = hrefsOf(box).filter((href) => !href?.startsWith('tel:'));
      // The English side has its own safety plan: its English page and its English sheet (npm run pdf makes it).
      const lang = prefix ? prefix.replace(/\/$/, '') : undefined;
      expect(links).toEqual([`/${prefix}${plan.slug}/`, pdfFiles.material(plan.id, lang)]);
      expect(existsSync(join(clientDir, prefix, plan.slug, 'index.html'))).toBe(true);
      expect(builtPage(`${prefix}${plan.slug}`)).toContain(lang ? 'My safety plan' : 'Mi plan de seguridad');
    },
  );

  test('the Spanish and the English script differ, so each page shows its own language', () => {
    const es = confidentialityIn(curriculum.referrals.confidentiality, 'es').script;
    const en = confidentialityIn(curriculum.referrals.confidentiality, 'en').script;
    expect(es.filter((line) => en.includes(line))).toEqual([]);
    const english = textOf(safetyBoxes(builtPage(`en/${manualOne[0]!.slug}`))[0]!);
    for (const line of es) expect(english).not.toContain(line);
  });

  test('every session page of a programme that works on violence has exactly one box', () => {
    const all = curriculum.sessions.filter((s) => s.programme === programme.id);
    expect(all).toHaveLength(manualsOfProgramme(curriculum, programme.id).flatMap((m) => m.sessions).length);
    for (const s of all) expect(safetyBoxes(builtPage(s.slug)), s.slug).toHaveLength(1);
  });

  test('the printed book of the manual has a box with the script in each of its chapters', () => {
    const boxes = safetyBoxes(builtPage(printPages.book(manual.id)));
    expect(boxes).toHaveLength(manualOne.length);
    const { script } = curriculum.referrals.confidentiality;
    for (const box of boxes) for (const line of script) expect(textOf(box)).toContain(line);
  });
});

describe('the printed book’s annex', () => {
  test('states the limits of confidentiality in full after the directory: keeps, cannot keep, who must report', () => {
    const html = builtPage(printPages.book(manual.id));
    const annex = html.slice(html.indexOf('<section class="confidentiality"'));
    const text = textOf(annex.slice(0, annex.indexOf('</section>')));
    const limits = curriculum.referrals.confidentiality;
    for (const line of [...limits.keeps, ...limits.cannotKeep]) expect(text).toContain(line);
    expect(text).toContain(`${limits.mustReport[0]!.who} : ${limits.mustReport[0]!.what} (Ley 30364, art. 15)`);
    expect(html.indexOf('class="directory"')).toBeLessThan(html.indexOf('class="confidentiality"'));
  });
});

describe('the safety plan handout page', () => {
  test('is built with its six items to tick and its printable view', () => {
    const html = builtPage(plan.slug);
    expect(html.match(/<li class="task-list-item">/g)).toHaveLength(6);
    expect(textOf(html)).toContain('Línea 100');
    expect(builtPage(`print/materials/${plan.id}`).match(/<li class="task-list-item">/g)).toHaveLength(6);
  });
});
