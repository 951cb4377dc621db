/** Where the pages live, as every content path names it (Astro's `filePath`, the resolver's `file`). */
const DOCS = 'content/docs/';

/**
 * A content file's path inside content/docs/ (`sesiones/gv-quien-decide.mdx`), wherever the content
 * folder is on the build machine; a path outside content/docs/ is returned as it came.
 */
export function pathInDocs(filePath: string): string {
  const at = filePath.lastIndexOf(DOCS);
  return at >= 0 ? filePath.slice(at + DOCS.length) : filePath;
}

/**
 * The same file named from the content folder (`content/docs/sesiones/…`): the form the catalog
 * publishes as a session's source, so it reads the same on every machine.
 */
export function contentFile(filePath: string): string {
  return filePath.includes(DOCS) ? `${DOCS}${pathInDocs(filePath)}` : filePath;
}
