import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { INLINE_CSS_BELOW } from '../../src/chrome/inline-limit.ts';
import { builtPage, clientDir, sourceCurriculum } from '../support/built-site.ts';
import { subjects } from '../support/content-subjects.ts';

// What a session page makes a phone download, read from the built HTML (issue 13). The bytes
// themselves are counted in Chromium by test/e2e/page-weight.test.ts.
const curriculum = sourceCurriculum();
/** The first manual of the first programme that works on violence: its pages carry the safety box, the heaviest. */
const { sessions } = subjects(curriculum);
const pages = sessions.map((s) => [s.slug, builtPage(s.slug)] as const);

const stylesheets = (html: string) => [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*>/g)].map((m) => m[0]);
const hrefOf = (tag: string) => /\bhref="([^"]+)"/.exec(tag)?.[1] ?? '';
const inlineScripts = (html: string) =>
  [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(
    ([, attrs]) => !/\bsrc=|application\/ld\+json/.test(attrs ?? ''),
  );
const inlineStyles = (html: string) => [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? '');

/** A stylesheet's text with every `@media print { … }` block taken out: what it does on a screen. */
function withoutPrintBlocks(css: string): string {
  let out = '';
  for (let i = 0; i < css.length;) {
    const at = css.indexOf('@media print', i);
    if (at < 0) return out + css.slice(i);
    out += css.slice(i, at);
    let depth = 0;
    let j = css.indexOf('{', at);
    for (; j < css.length; j++) {
      if (css[j] === '{') depth++;
      else if (css[j] === '}' && --depth === 0) break;
    }
    i = j + 1;
  }
  return out;
}

describe('a session page’s first visit downloads nothing it does not show', () => {
  test('the manual has session pages to check', () => {
    expect(pages).toHaveLength(7);
  });

  test.each(pages)('%s links no print-only stylesheet, by media or by content', (_slug, html) => {
    const links = stylesheets(html);
    // The main stylesheet and Starlight's components' (Steps, the content's base): all cached files.
    expect(links.length).toBeGreaterThanOrEqual(1);
    for (const link of links) {
      expect(link).not.toMatch(/\bmedia=/);
      const href = hrefOf(link);
      expect(href).toMatch(/^\/_astro\/[^/]+\.css$/);
      const css = readFileSync(join(clientDir, href), 'utf8');
      // Something in it applies on a screen: a sheet made only of print rules would be a print.css under another name.
      expect(withoutPrintBlocks(css).trim().length, href).toBeGreaterThan(css.length / 2);
    }
  });

  test('printing a page still has Starlight’s print rules and ours, inside the main stylesheet', () => {
    const [, html] = pages[0] ?? ['', ''];
    const css = stylesheets(html)
      .map((l) => readFileSync(join(clientDir, hrefOf(l)), 'utf8'))
      .join('\n');
    const print = css.length - withoutPrintBlocks(css).length;
    // Starlight's print.css (forces light colours, hides the sidebars) and src/styles/print.css.
    expect(/@media print\{:root\{--sl-color-white:/.test(css)).toBe(true);
    expect(/@media print\{[^}]*\.print-links/.test(css)).toBe(true);
    expect(print).toBeGreaterThan(2000);
  });

  test.each(pages)(
    '%s has one inline script, the theme, and inlines only stylesheets under the limit',
    (_slug, html) => {
      const scripts = inlineScripts(html);
      expect(scripts).toHaveLength(1);
      expect(scripts[0]?.[2]).toContain('dataset.theme');
      // Vite decides on the sheet before minification and Astro's scoping: the inlined text may be a
      // few bytes over what was measured, never a whole sheet more.
      for (const css of inlineStyles(html)) expect(Buffer.byteLength(css)).toBeLessThan(INLINE_CSS_BELOW + 100);
      // Every script is a cached file under /_astro/, loaded as a module.
      for (const [tag] of html.matchAll(/<script\b[^>]*\bsrc="[^"]*"[^>]*>/g))
        expect(tag).toMatch(/type="module" src="\/_astro\/[^"]+\.js"/);
    },
  );

  test.each(pages)('%s carries none of the chrome removed for weight', (_slug, html) => {
    expect(html).not.toContain('<starlight-theme-select');
    expect(html).not.toContain('id="theme-icons"');
    expect(html).not.toContain('<starlight-lang-select');
    expect(html).not.toContain('sl-sidebar-state');
    expect(html).not.toContain('rel="prefetch"');
    // The sidebar list: no restore points, no caret icons, no scoping classes (src/chrome/SidebarList.astro).
    const list = html.slice(html.indexOf('<ul class="top-level"'), html.indexOf('<div class="md:sl-hidden">'));
    expect(list.length).toBeGreaterThan(1000);
    expect(list).not.toContain('<sl-sidebar-restore');
    expect(list).not.toMatch(/<svg|astro-[a-z0-9]{8}/);
    // The icon is in the page: no /favicon.svg request (src/chrome/route-middleware.ts).
    expect(html).toContain('<link rel="icon" href="data:image/svg+xml,%3Csvg ');
    expect(html).not.toContain('href="/favicon.svg"');
  });

  test('the language switch is a link to the same page in the other language, both ways', () => {
    const [slug, html] = pages[0] ?? ['', ''];
    expect(html).toContain(`<nav class="language-links"`);
    expect(html).toMatch(new RegExp(`<a href="/en/${slug}/" hreflang="en" lang="en"`));
    const english = builtPage(`en/${slug}`);
    expect(english).toMatch(new RegExp(`<a href="/${slug}/" hreflang="es" lang="es"`));
    expect(english).not.toMatch(/<a href="\/en\/[^"]*" hreflang="en"/);
  });

  test('no script shipped to pages prefetches links (Astro’s prefetch is off)', () => {
    const [, html] = pages[0] ?? ['', ''];
    for (const [, src] of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g))
      expect(readFileSync(join(clientDir, src ?? ''), 'utf8'), src).not.toContain('astroPrefetch');
  });
});
