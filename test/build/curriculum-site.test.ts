import { describe, expect, test } from 'vitest';
import { manualsOfProgramme, sessionsOfManual } from '../../src/curriculum/resolve.ts';
import { builtPage, sourceCurriculum } from '../support/built-site.ts';

const curriculum = sourceCurriculum();

describe('the whole curriculum in the built site', () => {
  test('holds the 4 IMAGE manuals and a second programme', () => {
    expect(manualsOfProgramme(curriculum, 'imagen-peru').map((m) => m.id)).toEqual(['genero-y-violencia', 'lideresas', 'movilizacion', 'formadoras']);
    expect(curriculum.programmes.map((p) => p.id).sort()).toEqual(['ahorro-para-el-futuro', 'imagen-peru']);
  });

  test('the home page shows both programmes side by side', () => {
    const home = builtPage('');
    for (const programme of curriculum.programmes) expect(home).toContain(`${programme.title}</`);
  });

  test.each(curriculum.manuals.map((m) => [m.id, m] as const))('manual %s has an introduction, its sessions in order and a glossary', (_id, manual) => {
    const html = builtPage(manual.slug);
    const contents = html.slice(html.indexOf('class="manual-contents"'));
    expect(html.indexOf('class="manual-contents"'), 'the introduction comes first').toBeGreaterThan(html.indexOf('<h2'));
    const links = [...contents.matchAll(/<li><a href="\/([^"]+)\/">/g)].map((m) => m[1]);
    expect(links).toEqual(sessionsOfManual(curriculum, manual.id).map((s) => s.slug));
    for (const entry of manual.glossary) expect(contents).toContain(`<dt>${entry.term}</dt>`);
  });

  test('manual 2 is laid out as 4 days', () => {
    const sessions = sessionsOfManual(curriculum, 'lideresas');
    expect([...new Set(sessions.map((s) => s.day))]).toEqual([1, 2, 3, 4]);
    const html = builtPage('imagen-peru/lideresas');
    expect([...html.matchAll(/<h3[^>]*>Día (\d)<\/h3>/g)].map((m) => m[1])).toEqual(['1', '2', '3', '4']);
  });

  test.each(curriculum.sessions.map((s) => [s.id, s] as const))('session %s has its panel, and a referral path when it touches violence', (_id, session) => {
    const html = builtPage(session.slug);
    expect(html).toContain(`data-session-id="${session.id}"`);
    if (session.touchesViolence) {
      expect(html).toContain('class="safety"');
      for (const key of session.safety?.referral ?? []) {
        const name = curriculum.referrals.services.find((s) => s.key === key)?.name ?? key;
        expect(html).toContain(name.replace(/\(/g, '(').split(' (')[0]);
      }
    }
  });
});

describe('the English manual 1', () => {
  test('renders with English interface strings and translated metadata', () => {
    const html = builtPage('en/imagen-peru/genero-y-violencia/violencia-no-es-normal');
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('Prepare the session');
    expect(html).toContain('Group discussion');
    expect(html).not.toContain('Preparar la sesión');
  });

  test('an untranslated page falls back to Spanish with a visible notice', () => {
    const html = builtPage('en/imagen-peru/lideresas/ser-lideresa');
    expect(html).toMatch(/This content is not available in your language yet/);
    expect(html).toContain('data-session-id="li-ser-lideresa"');
  });

  test('every page has a language switcher', () => {
    for (const slug of ['', 'imagen-peru/genero-y-violencia', 'en/imagen-peru/genero-y-violencia/quien-decide']) expect(builtPage(slug)).toMatch(/<nav class="language-links"[^>]*><a href="[^"]+" hreflang="(en|es)"/);
  });
});
