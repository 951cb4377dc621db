import type { Organisation } from '../schemas/index.ts';

/** Mixes a #RRGGBB colour with white (amount > 0) or black (amount < 0). */
function mix(hex: string, amount: number): string {
  const target = amount > 0 ? 255 : 0;
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `#${channels
    .map((c) =>
      Math.round(c + (target - c) * Math.abs(amount))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/**
 * Starlight's accent colours from the organisation's primary colour, for both themes, as a
 * <style> for every page's head: changing the config rebrands the site without touching CSS.
 */
export function brandStyle(org: Organisation): string {
  const primary = org.colours.primary;
  return [
    `:root{--sl-color-accent-low:${mix(primary, -0.7)};--sl-color-accent:${mix(primary, 0.15)};` +
      `--sl-color-accent-high:${mix(primary, 0.8)};--tejido-primary:${primary}}`,
    `:root[data-theme='light']{--sl-color-accent-low:${mix(primary, 0.85)};--sl-color-accent:${primary};--sl-color-accent-high:${mix(primary, -0.45)}}`,
  ].join('');
}
