import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { projectRoot } from '../support/content-root.ts';

/**
 * The guide "Poner en marcha la asistencia" shows screens the end-to-end test photographs
 * (`npm run screenshots` writes them to public/guia/asistencia/). Every picture it names must be
 * in the built site, in both languages' pages: a renamed screenshot would leave a broken image.
 */
const pages = ['adaptar/poner-en-marcha-la-asistencia', 'en/adaptar/poner-en-marcha-la-asistencia'];
const client = join(projectRoot, 'dist', 'client');

describe('the set-up guide’s screenshots', () => {
  test.each(pages)('/%s/ shows six screens, each one a file of the built site', (page) => {
    const html = readFileSync(join(client, page, 'index.html'), 'utf8');
    const images = [...html.matchAll(/<img[^>]+src="(\/guia\/asistencia\/[^"]+)"/g)].map((m) => m[1] as string);
    expect(images).toEqual([
      '/guia/asistencia/01-primeros-pasos.png',
      '/guia/asistencia/02-codigo-de-activacion.png',
      '/guia/asistencia/03-activar-cuenta.png',
      '/guia/asistencia/04-vista-previa.png',
      '/guia/asistencia/05-asistencia.png',
      '/guia/asistencia/06-indicadores.png',
    ]);
    for (const src of images) expect(existsSync(join(client, src)), src).toBe(true);
  });
});
