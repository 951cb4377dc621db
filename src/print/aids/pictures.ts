import type { Pictogram } from '../../curriculum/schemas/pictograms.ts';

// Inlined into each printed page, so a kit prints with no request for its pictures.
const files = import.meta.glob<string>('./pictograms/*.svg', { query: '?raw', import: 'default', eager: true });

/** The SVG markup of a pictogram. The schema only lets known names through; a missing file is a bug here. */
export function pictureSvg(name: Pictogram): string {
  const svg = files[`./pictograms/${name}.svg`];
  if (!svg)
    throw new Error(
      `src/print/aids/pictograms/${name}.svg is missing — draw it or remove "${name}" from pictograms.ts`,
    );
  return svg;
}
