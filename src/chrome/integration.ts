import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { scriptsIntoPageScript } from './component-scripts.ts';

/**
 * Every page's chrome scripts in Astro's page script (one cached file per site, see
 * src/chrome/page-chrome.ts), and the plugin that takes them out of Starlight's templates.
 */
export function chromeIntegration(): AstroIntegration {
  return {
    name: 'tejido:chrome',
    hooks: {
      'astro:config:setup': ({ injectScript, updateConfig }) => {
        injectScript('page', `import ${JSON.stringify(fileURLToPath(new URL('./page-chrome.ts', import.meta.url)))};`);
        updateConfig({ vite: { plugins: [scriptsIntoPageScript()] } });
      },
    },
  };
}
