import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { Organisation, Vocabulary } from '../schemas/index.ts';

const VIRTUAL_ORGANISATION = 'virtual:tejido/organisation';
const VIRTUAL_VOCABULARY = 'virtual:tejido/vocabulary';
/** The organisation's retention settings next to the server entry, for src/server/serve.ts's daily run. */
export const RETENTION_FILE = 'retention.json';

/**
 * Makes the checked organisation config and vocabulary (content/vocabulary.yaml) importable from
 * pages and endpoints, and writes its
 * retention settings next to the server entry: the daily retention run starts in serve.ts,
 * outside the bundle, and must follow the config the site was built with.
 */
export function tejidoIntegration({
  organisation,
  vocabulary,
}: {
  organisation: Organisation;
  vocabulary: Vocabulary;
}): AstroIntegration {
  const modules: Record<string, unknown> = { [VIRTUAL_ORGANISATION]: organisation, [VIRTUAL_VOCABULARY]: vocabulary };
  let serverDir = '';
  return {
    name: 'tejido',
    hooks: {
      'astro:config:done': ({ config }) => {
        serverDir = fileURLToPath(config.build.server);
      },
      'astro:build:done': () => {
        writeFileSync(join(serverDir, RETENTION_FILE), JSON.stringify(organisation.retention, null, 2));
      },
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'tejido:organisation',
                resolveId: (id: string) => (id in modules ? `\0${id}` : undefined),
                load: (id: string) =>
                  id.startsWith('\0') && id.slice(1) in modules
                    ? `export default ${JSON.stringify(modules[id.slice(1)])};`
                    : undefined,
              },
            ],
          },
        });
      },
    },
  };
}
