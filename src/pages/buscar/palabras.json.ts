import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { buildVocabulary } from '../../search/suggest.ts';
import { wordsOf } from '../../search/words.ts';

// The curriculum's words for the search page's "¿Quisiste decir…?", generated at build time from
// every page's text and metadata. The search page downloads it only when a search finds nothing.
export const prerender = true;

export const GET: APIRoute = async () => {
  const docs = await getCollection('docs');
  const texts = docs.flatMap((entry) => [prose(entry.body ?? ''), ...stringsIn(entry.data)]);
  return Response.json(buildVocabulary(texts, wordsOf));
};

/** An MDX body without its imports and component tags, which are code, not words she would search. */
function prose(body: string): string {
  return body.replace(/^(?:import|export) .*$/gm, ' ').replace(/<[^>]*>/g, ' ');
}

/** Every string in a page's frontmatter (titles, objectives, key messages, materials…). */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}
