// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import node from '@astrojs/node';
import { loadCurriculumForConfig } from './src/curriculum/astro/config.ts';
import { tejidoIntegration } from './src/curriculum/astro/integration.ts';

// Every content error is reported here, before Astro starts, all at once.
const { organisation, sidebar } = loadCurriculumForConfig(process.cwd());

export default defineConfig({
  site: process.env.SITE_URL ?? 'http://localhost:4321',
  // Pages are prerendered; only routes that say `prerender = false` (the API) run on the server.
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  server: { port: 4321 },
  integrations: [
    tejidoIntegration({ organisation }),
    starlight({
      title: organisation.shortName,
      description: `Currículo y manuales de facilitación de ${organisation.name}`,
      defaultLocale: 'root',
      locales: { root: { label: 'Español', lang: 'es' } },
      sidebar,
      components: {
        MarkdownContent: './src/components/MarkdownContent.astro',
        Search: './src/components/Search.astro',
      },
      customCss: ['./src/styles/tejido.css'],
      lastUpdated: false,
      pagination: true,
    }),
  ],
});
