import type { z } from 'zod';
import type { countCell } from '../../attendance/api-schemas.ts';

type Cell = z.output<typeof countCell>;

/**
 * Two small bar charts drawn as SVG text on the server: no chart library and no JavaScript on the
 * phone. Colours come from the page's CSS classes (theme-aware); a hidden cell ("oculto") is drawn
 * as a short hatched bar labelled in the page's language, so a chart never reveals what the table hides.
 */
export interface Bar {
  label: string;
  value: Cell;
}

/** How a chart writes its values in the page's language (content/i18n/: `tejido.coordinator.hidden`). */
export interface ChartWords {
  /** The page's language (BCP 47), for the numbers. */
  lang: string;
  /** What a hidden cell says instead of its value. */
  hidden: string;
}

const WIDTH = 360;
const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** A hidden cell is the API's literal 'oculto': the page says it in its own words. */
const format = (value: Cell, words: ChartWords) =>
  typeof value === 'number' ? value.toLocaleString(words.lang) : words.hidden;
/** A hidden cell is drawn as a stub of fixed length: its bar must not hint at its size. */
const height = (value: Cell) => (value === 'oculto' ? 0 : value);

function frame(id: string, title: string, viewHeight: number, body: string) {
  return (
    `<svg class="chart" role="img" aria-labelledby="${id}-title" viewBox="0 0 ${WIDTH} ${viewHeight}" width="100%" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${id}-title">${escapeXml(title)}</title>` +
    `<defs><pattern id="${id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
    `<rect width="6" height="6" class="hatch-bg"/><line x1="0" y1="0" x2="0" y2="6" class="hatch-line" stroke-width="3"/>` +
    `</pattern></defs>` +
    body +
    `</svg>`
  );
}

/** Horizontal bars, one per step, label above its bar: readable at 360 px wide. */
export function funnelChart(id: string, title: string, bars: Bar[], words: ChartWords): string {
  const max = Math.max(1, ...bars.map((b) => height(b.value)));
  // Room to the right of the longest bar for its value.
  const track = WIDTH - 56;
  const rowHeight = 52;
  const body = bars
    .map((bar, i) => {
      const y = i * rowHeight;
      const w =
        bar.value === 'oculto' ? 24 : Math.max(height(bar.value) > 0 ? 3 : 0, (height(bar.value) / max) * track);
      const fill = bar.value === 'oculto' ? `fill="url(#${id}-hatch)"` : 'class="bar"';
      return (
        `<g><text x="0" y="${y + 16}" class="label">${escapeXml(bar.label)}</text>` +
        `<rect x="0" y="${y + 24}" width="${w.toFixed(1)}" height="22" rx="3" ${fill}/>` +
        `<text x="${(w + 6).toFixed(1)}" y="${y + 40}" class="value">${escapeXml(format(bar.value, words))}</text></g>`
      );
    })
    .join('');
  return frame(id, title, bars.length * rowHeight, body);
}

/** Vertical bars over time (one per month), the value above each bar. */
export function columnChart(id: string, title: string, bars: Bar[], words: ChartWords): string {
  const max = Math.max(1, ...bars.map((b) => height(b.value)));
  const top = 22;
  const plot = 150;
  const base = top + plot;
  const step = WIDTH / Math.max(1, bars.length);
  const barWidth = Math.min(40, step * 0.7);
  const body =
    `<line x1="0" y1="${base}" x2="${WIDTH}" y2="${base}" class="axis"/>` +
    bars
      .map((bar, i) => {
        const x = i * step + (step - barWidth) / 2;
        const h = Math.max(height(bar.value) > 0 ? 2 : 0, (height(bar.value) / max) * plot);
        const fill = bar.value === 'oculto' ? `fill="url(#${id}-hatch)"` : 'class="bar"';
        const cx = (x + barWidth / 2).toFixed(1);
        return (
          `<g><rect x="${x.toFixed(1)}" y="${(base - h).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${h.toFixed(1)}" rx="2" ${fill}/>` +
          (bar.value === 0
            ? ''
            : `<text x="${cx}" y="${(base - h - 5).toFixed(1)}" text-anchor="middle" class="value small">${escapeXml(format(bar.value, words))}</text>`) +
          `<text x="${cx}" y="${base + 18}" text-anchor="middle" class="tick">${escapeXml(bar.label)}</text></g>`
        );
      })
      .join('');
  return frame(id, title, base + 26, body);
}
