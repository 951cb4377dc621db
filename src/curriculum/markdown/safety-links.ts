import type { AstroIntegration } from 'astro';
import type { HastNode, HastPluginDefinition, HastVisitorContext } from 'satteri';

/** Options of the safety-links step. */
export interface SafetyLinkOptions {
  /** Ids of the sessions whose page has a safety box: only their bodies get links. */
  sessionIds: readonly string[];
  /** The words a body uses for the box ("recuadro naranja"), matched in any case. */
  phrases: readonly string[];
  /** The box's id in the page (src/components/prepare/sections.ts `sectionId.safety`). */
  target: string;
}

// Inside these a link would be wrong (a link in a link) or unreadable (code, a heading's anchor).
const skipped = new Set(['a', 'code', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'script', 'style']);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function insideSkipped(node: Readonly<HastNode>, ctx: HastVisitorContext): boolean {
  for (let up = ctx.parent(node); up; up = ctx.parent(up)) {
    if (up.type === 'element' && skipped.has(up.tagName)) return true;
  }
  return false;
}

/** The text split into plain text and links to the box, or undefined when no phrase is in it. */
export function linkPhrases(value: string, pattern: RegExp, target: string): HastNode[] | undefined {
  const out: HastNode[] = [];
  let last = 0;
  for (const match of value.matchAll(pattern)) {
    if (match.index > last) out.push({ type: 'text', value: value.slice(last, match.index) });
    out.push({
      type: 'element',
      tagName: 'a',
      properties: { href: `#${target}`, className: ['safety-ref'] },
      children: [{ type: 'text', value: match[0] }],
    });
    last = match.index + match[0].length;
  }
  if (out.length === 0) return undefined;
  if (last < value.length) out.push({ type: 'text', value: value.slice(last) });
  return out;
}

/** The phrases as one pattern: whole words only, any case ("Recuadro naranja", not "recuadros"). */
export function phrasePattern(phrases: readonly string[]): RegExp {
  return new RegExp(`(?<!\\p{L})(?:${phrases.map(escape).join('|')})(?!\\p{L})`, 'giu');
}

/**
 * A session body that says "sigue el recuadro naranja del panel" links those words to the panel's
 * safety box, so the facilitator gets there in one tap instead of scrolling back up. Only on pages
 * of sessions that have a box (a link to nothing would mislead); the MDX stays plain text.
 * A Sätteri hast plugin (Astro 7's Markdown processor, which Starlight extends the same way).
 */
export function safetyLinksPlugin(options: SafetyLinkOptions): HastPluginDefinition {
  const ids = new Set(options.sessionIds);
  const pattern = phrasePattern(options.phrases);
  return {
    name: 'tejido-safety-links',
    text(node, ctx) {
      // Astro puts the page's frontmatter in the document's data before the plugins run.
      const astro = (ctx.data as { astro?: { frontmatter?: { session?: { id?: unknown } } } }).astro;
      const session = astro?.frontmatter?.session;
      if (options.phrases.length === 0 || typeof session?.id !== 'string' || !ids.has(session.id)) return;
      const pieces = linkPhrases(node.value, pattern, options.target);
      if (!pieces || insideSkipped(node, ctx)) return;
      ctx.replaceNode(node, pieces);
    },
  };
}

/** Adds the step to the configured Markdown processor, for .md and .mdx alike. */
export function safetyLinksIntegration(options: SafetyLinkOptions): AstroIntegration {
  return {
    name: 'tejido-safety-links',
    hooks: {
      'astro:config:setup': ({ config, logger }) => {
        type Processor = { name: string; options?: { hastPlugins?: unknown[] } };
        const processor = config.markdown.processor as Processor | undefined;
        if (processor?.name !== 'satteri' || !processor.options?.hastPlugins) {
          logger.warn('The Markdown processor is not Sätteri: a body\'s "recuadro naranja" will not link to the box.');
          return;
        }
        processor.options.hastPlugins.push(safetyLinksPlugin(options));
      },
    },
  };
}
