// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import node from '@astrojs/node';
import { loadCurriculumForConfig } from './src/curriculum/astro/config.ts';
import { tejidoIntegration } from './src/curriculum/astro/integration.ts';
import { contentPath, contentRoot } from './src/curriculum/astro/content-root.ts';
import { brandStyle } from './src/curriculum/astro/branding.ts';
import { siteLanguages } from './src/curriculum/schemas/organisation.ts';
import { LOCAL_SITE, publicSiteUrl } from './src/curriculum/site-url.ts';
import { fieldAppHead } from './src/field-app/manifest.ts';
import { fieldAppIntegration } from './src/field-app/integration.ts';
import { fieldAppSidebar } from './src/field-app/sidebar.ts';
import { cspIntegration } from './src/server/csp.ts';
import { precompressIntegration } from './src/server/static/precompress.ts';
import { lighterStarlightPage } from './src/chrome/starlight-page.ts';
import { inlineInPage } from './src/chrome/inline-limit.ts';
import { chromeIntegration } from './src/chrome/integration.ts';
import { safetyLinksIntegration } from './src/curriculum/markdown/safety-links.ts';
import { sectionId } from './src/components/prepare/sections.ts';

// Every content error is reported here, before Astro starts, all at once.
const { organisation, vocabulary, curriculum, sidebar, text } = loadCurriculumForConfig(contentRoot());
const [defaultLanguage, ...translations] = siteLanguages(organisation);

export default defineConfig({
  // One rule with the print views (src/curriculum/site-url.ts): SITE_URL, then the organisation's website.
  site: publicSiteUrl(organisation)?.href ?? LOCAL_SITE,
  // Pages are prerendered; only routes that say `prerender = false` (the API) run on the server.
  output: 'static',
  // Run through src/server/serve.ts (npm start / npm run serve), which adds the security headers.
  // bodySizeLimit is a backstop only: API routes refuse oversized bodies earlier (src/api/body.ts)
  // and read the rest away so the client gets its 413; serve.ts hangs up above 64 MB. A lower
  // limit here would cut that reading short and the client would see a broken pipe instead.
  adapter: node({ mode: 'standalone', bodySizeLimit: 64 * 1024 * 1024 }),
  server: { port: 4321 },
  // A build of other content (bench/scale.ts's 10× curriculum) keeps its caches apart from the site's.
  ...(process.env.TEJIDO_CACHE_DIR ? { cacheDir: process.env.TEJIDO_CACHE_DIR } : {}),
  // The session cookie is SameSite=Strict and JSON bodies must say application/json, so a
  // cross-site request can neither carry the cookie nor post a form; Astro's own origin check
  // would also refuse bearer-token clients (the offline app's sync) that send no Origin.
  // `allowedDomains` stays unset: with it Astro would take clientAddress from X-Forwarded-For,
  // which only TRUST_PROXY decides to believe (src/server/forwarded.ts).
  security: { checkOrigin: false },
  // What goes in a page and what in a cached /_astro/ file (src/chrome/inline-limit.ts).
  build: { inlineStylesheets: 'auto' },
  // Starlight turns on prefetching of every link: ~0.7 KB of script on every first visit, and
  // pages fetched on a touch that she may not open. Off: each page costs only when she opens it.
  prefetch: false,
  vite: { plugins: [lighterStarlightPage()], build: { assetsInlineLimit: inlineInPage } },
  integrations: [
    tejidoIntegration({ organisation, vocabulary }),
    // The chrome's scripts (menu, table of contents, district picker) in the one page script.
    chromeIntegration(),
    // A session body's "recuadro naranja" links to its panel's safety box (no edit of the MDX needed).
    safetyLinksIntegration({
      sessionIds: curriculum.sessions.filter((s) => s.safety).map((s) => s.id),
      phrases: ['recuadro naranja', 'orange box'],
      target: sectionId.safety,
    }),
    starlight({
      title: organisation.shortName,
      description: `Currículo y manuales de facilitación de ${organisation.name}`,
      ...(organisation.logo ? { logo: { src: contentPath(organisation.logo), alt: organisation.name } } : {}),
      defaultLocale: 'root',
      locales: {
        root: { label: defaultLanguage?.label ?? organisation.defaultLanguage, lang: organisation.defaultLanguage },
        ...Object.fromEntries(translations.map((l) => [l.code, { label: l.label, lang: l.code }])),
      },
      sidebar: [...sidebar, fieldAppSidebar(text)],
      // Each page shows its own programme's tree and the others as one link each; then its icon
      // inline instead of one more request (src/chrome/route-middleware.ts).
      routeMiddleware: ['./src/curriculum/astro/route-middleware.ts', './src/chrome/route-middleware.ts'],
      head: [{ tag: 'style', content: brandStyle(organisation) }, ...fieldAppHead(organisation)],
      components: {
        MarkdownContent: './src/components/MarkdownContent.astro',
        Search: './src/components/Search.astro',
        // Lighter chrome on every page (issue 13): see each file for what it drops and why.
        LanguageSelect: './src/chrome/LanguageLinks.astro',
        ThemeSelect: './src/chrome/ThemeSelect.astro',
        ThemeProvider: './src/chrome/ThemeProvider.astro',
        Sidebar: './src/chrome/Sidebar.astro',
        TableOfContents: './src/chrome/TableOfContents.astro',
      },
      customCss: ['./src/styles/tejido.css'],
      lastUpdated: false,
      pagination: true,
    }),
    // After Starlight: the offline copies' manifests and the service worker are written over the finished build.
    fieldAppIntegration({ curriculum }),
    // Last: hashes the inline scripts of the finished pages for the Content-Security-Policy.
    cspIntegration(),
    // Very last: brotli and gzip copies of every text file, the service worker's included.
    precompressIntegration(),
  ],
});
