import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import icon from '../../public/favicon.svg?raw';
import { iconDataUrl } from './favicon.ts';

const href = iconDataUrl(icon);

/**
 * Starlight route middleware (astro.config.mjs `routeMiddleware`, after the curriculum's): the
 * page's icon link carries the icon itself (favicon.ts). /favicon.svg stays for the web app
 * manifest, which a phone reads only when the site is added to its home screen.
 */
export const onRequest = defineRouteMiddleware((context) => {
  for (const entry of context.locals.starlightRoute.head)
    if (entry.tag === 'link' && entry.attrs?.rel === 'shortcut icon') {
      entry.attrs.rel = 'icon';
      entry.attrs.href = href;
      delete entry.attrs.type;
    }
});
