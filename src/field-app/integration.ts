import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { Curriculum } from '../curriculum/resolve.ts';
import { writeOfflineCopies } from './offline/build.ts';
import { updateNotePlugin } from './update-note.ts';

/**
 * The site as an installable, offline-capable app. Every page loads a tiny registration script
 * (bundled into Astro's page script, so no extra request), which registers the service worker
 * only where it is wanted: on the attendance screen, once she saves a programme, or when one is
 * already registered (src/field-app/register.ts). After the build, the copies' manifests and the
 * worker are written over the finished client folder (src/field-app/offline/build.ts).
 *
 * List it after Starlight (its pages must be written) and before the precompress integration
 * (which then compresses the manifests and the worker too).
 */
export function fieldAppIntegration({ curriculum }: { curriculum: Curriculum }): AstroIntegration {
  return {
    name: 'tejido:field-app',
    hooks: {
      'astro:config:setup': ({ injectScript, command, updateConfig }) => {
        updateConfig({ vite: { plugins: [updateNotePlugin()] } });
        if (command === 'build')
          injectScript('page', `import ${JSON.stringify(fileURLToPath(new URL('./register.ts', import.meta.url)))};`);
      },
      'astro:build:done': ({ dir, logger }) => {
        const copies = writeOfflineCopies(fileURLToPath(dir), curriculum);
        const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
        const each = copies.programmes.map((p) => `${p.id} ${p.files.length} files, ${kb(p.bytes)}`).join('; ');
        logger.info(
          `offline copies (brotli, downloaded only when she saves one): ${each}; core ${kb(copies.core.reduce((n, f) => n + f.bytes, 0))}`,
        );
      },
    },
  };
}
