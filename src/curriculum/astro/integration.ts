import type { AstroIntegration } from 'astro';
import type { Organisation } from '../schemas/index.ts';

const VIRTUAL_ORGANISATION = 'virtual:tejido/organisation';

/** Makes the checked organisation config importable from pages and endpoints. */
export function tejidoIntegration({ organisation }: { organisation: Organisation }): AstroIntegration {
  return {
    name: 'tejido',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'tejido:organisation',
                resolveId: (id: string) => (id === VIRTUAL_ORGANISATION ? `\0${VIRTUAL_ORGANISATION}` : undefined),
                load: (id: string) => (id === `\0${VIRTUAL_ORGANISATION}` ? `export default ${JSON.stringify(organisation)};` : undefined),
              },
            ],
          },
        });
      },
    },
  };
}
