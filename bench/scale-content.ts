import { cpSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isSeq, parseDocument, type Document } from 'yaml';
import { checkContent } from '../src/curriculum/check.ts';
import type { Curriculum, Programme } from '../src/curriculum/resolve.ts';
import { siteLanguages } from '../src/curriculum/schemas/organisation.ts';

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---(\r?\n|$)/;

/**
 * A throwaway content root, the folder `root` (emptied first), holding this project's content/
 * with every programme cloned until there are `factor` copies of each (factor 10: the 10×
 * curriculum of issue 13). A copy gets new ids and slugs for its programme, manuals, sessions
 * and handouts (`<id>-x<n>`, `<slug>-x<n>`), its translations alongside, and links inside it
 * point into the copy, so the build checks it like any organisation's content. Build it with
 * TEJIDO_CONTENT_ROOT=root. `root` must be inside the project (e.g. dist-bench-content-10x/):
 * pages import packages, found in the project's node_modules.
 */
export function scaledContentRoot(projectRoot: string, factor: number, root: string): string {
  const { curriculum, organisation, errors } = checkContent(projectRoot);
  if (!curriculum || !organisation || errors.length) throw new Error(`content has errors: ${JSON.stringify(errors)}`);
  rmSync(root, { recursive: true, force: true });
  cpSync(join(projectRoot, 'content'), join(root, 'content'), { recursive: true });
  // Pages that import the project's own components do so relative to the content folder.
  symlinkSync(join(projectRoot, 'src'), join(root, 'src'), 'dir');
  const docs = join(root, 'content', 'docs');
  const languages = [
    '',
    ...siteLanguages(organisation)
      .slice(1)
      .map((l) => `${l.code}/`),
  ];
  for (const programme of curriculum.programmes) {
    for (let n = 2; n <= factor; n++) {
      const rename = idsOf(curriculum, programme, `-x${n}`);
      for (const lang of languages)
        cloneFolder(join(docs, lang, programme.slug), join(docs, lang, `${programme.slug}-x${n}`), (text) =>
          cloneText(text, programme, n, rename),
        );
    }
  }
  return root;
}

/** Every id a programme owns (itself, its manuals, their sessions and handouts), with its copy's id. */
function idsOf(curriculum: Curriculum, programme: Programme, suffix: string): Map<string, string> {
  const manuals = curriculum.manuals.filter((m) => m.programme === programme.id);
  const sessions = curriculum.sessions.filter((s) => s.programme === programme.id);
  const handouts = curriculum.handouts.filter((h) => h.slug.startsWith(`${programme.slug}/`));
  for (const page of [...manuals, ...sessions, ...handouts]) {
    // A page outside its programme's folder would not be cloned with it: the copy would be incomplete.
    if (!page.slug.startsWith(`${programme.slug}/`)) throw new Error(`${page.slug} is not under ${programme.slug}/`);
  }
  const ids = [programme.id, ...manuals.map((m) => m.id), ...sessions.map((s) => s.id), ...handouts.map((h) => h.id)];
  return new Map(ids.map((id) => [id, `${id}${suffix}`]));
}

function cloneFolder(from: string, to: string, transform: (text: string) => string): void {
  let entries;
  try {
    entries = readdirSync(from, { withFileTypes: true, recursive: true });
  } catch {
    return; // a language without this programme translated
  }
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const source = join(entry.parentPath, entry.name);
    const target = join(to, relative(from, source));
    cpSync(source, target);
    if (/\.mdx?$/.test(entry.name)) writeFileSync(target, transform(readFileSync(source, 'utf8')));
  }
}

/** One page of a copy: ids renamed in the frontmatter's id fields only, links into the copy. */
function cloneText(text: string, programme: Programme, n: number, rename: Map<string, string>): string {
  const match = FRONTMATTER.exec(text);
  if (!match) return text;
  const doc = parseDocument(match[1] ?? '');
  const swap = (path: string[]) => {
    const value = doc.getIn(path);
    if (typeof value === 'string' && rename.has(value)) doc.setIn(path, rename.get(value));
  };
  const swapAll = (path: string[]) => {
    const list = doc.getIn(path);
    if (isSeq(list)) list.items.forEach((_, i) => swap([...path, String(i)]));
  };
  for (const block of ['programme', 'manual', 'session', 'handout']) swap([block, 'id']);
  swapAll(['programme', 'manuals']);
  swap(['programme', 'completionRule', 'manual']);
  swapAll(['manual', 'sessions']);
  swapAll(['session', 'handouts']);
  if (doc.hasIn(['programme'])) doc.setIn(['title'], `${String(doc.get('title'))} · ${n}`);
  const paths = new RegExp(`/${programme.slug.replace(/[^\w-]/g, '')}/`, 'g');
  return `---\n${frontmatterText(doc)}---\n${text.slice(match[0].length)}`.replace(paths, `/${programme.slug}-x${n}/`);
}

const frontmatterText = (doc: Document) => doc.toString({ lineWidth: 0, flowCollectionPadding: false });
