import { fileURLToPath } from 'node:url';
import type { AstroConfig, AstroIntegration } from 'astro';
import { generateSW } from 'workbox-build';
import { serviceWorkerOptions, type PrecacheScope } from './precache.ts';

/**
 * The site as an installable, offline-capable app. Every page loads a tiny registration script
 * (bundled into Astro's page script, so no extra request); after the build, Workbox writes the
 * service worker over the finished client folder. @vite-pwa/astro would do the same, but it
 * declares Astro ≤ 5 only, so Workbox's own generateSW runs here instead.
 *
 * List it after Starlight: Starlight builds the Pagefind index in its own `astro:build:done`,
 * and integrations' hooks run in the order they are listed.
 */
export function fieldAppIntegration(): AstroIntegration {
  const scope: PrecacheScope = { translationPaths: [] };
  return {
    name: 'tejido:field-app',
    hooks: {
      'astro:config:done': ({ config }) => {
        scope.translationPaths = translationPaths(config.i18n);
      },
      'astro:config:setup': ({ injectScript, command }) => {
        if (command === 'build') injectScript('page', `import ${JSON.stringify(fileURLToPath(new URL('./register.ts', import.meta.url)))};`);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const { count, size, warnings } = await generateSW(serviceWorkerOptions(fileURLToPath(dir), scope));
        for (const warning of warnings) logger.warn(warning);
        logger.info(`service worker: ${count} files precached, ${(size / 1024 / 1024).toFixed(2)} MB for a full offline copy`);
      },
    },
  };
}

/** URL folders of every locale but the default one (Starlight serves the default at the root). */
function translationPaths(i18n: AstroConfig['i18n']): string[] {
  if (!i18n) return [];
  return i18n.locales
    .map((locale) => (typeof locale === 'string' ? locale : locale.path))
    .filter((path) => path !== i18n.defaultLocale);
}
