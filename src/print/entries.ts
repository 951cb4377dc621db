import { getCollection, render } from 'astro:content';

/** The rendered MDX body of a curriculum page (a manual's or a session's), by the file it came from. */
export async function bodyOf(file: string) {
  const entry = (await getCollection('docs')).find((e) => (e.filePath ?? e.id) === file);
  if (!entry) throw new Error(`No content entry for ${file}`);
  return (await render(entry)).Content;
}
