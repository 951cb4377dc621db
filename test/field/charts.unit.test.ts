import { describe, expect, test } from 'vitest';
import { columnChart, funnelChart } from '../../src/field-app/coordinator/charts.ts';

const spanish = { lang: 'es', hidden: 'oculto' };
const english = { lang: 'en', hidden: 'hidden' };

describe('the coordinator funnel chart', () => {
  test('a hidden unit is a hatched stub labelled «oculto», the same length whatever it hides', () => {
    const svg = funnelChart(
      'f',
      'Participación',
      [
        { label: 'Inscritas', value: 'oculto' },
        { label: 'Vinieron al menos una vez', value: 'oculto' },
        { label: 'Completaron', value: 'oculto' },
      ],
      spanish,
    );
    // The bars: <rect x="0" … width="…" … fill="…"/> (the first <rect> is the hatch pattern's own).
    const bars = [...svg.matchAll(/<rect x="0" y="[\d.]+"[^>]*\/>/g)].map(([rect]) => [
      /width="([\d.]+)"/.exec(rect)?.[1],
      /fill="([^"]+)"/.exec(rect)?.[1],
    ]);
    expect(bars).toEqual(Array(3).fill(['24.0', 'url(#f-hatch)']));
    expect([...svg.matchAll(/<text[^>]*class="value"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1])).toEqual([
      'oculto',
      'oculto',
      'oculto',
    ]);
  });

  test('shown counts are drawn to scale next to a hidden one, which gives no length away', () => {
    const svg = funnelChart(
      'f',
      'Participación',
      [
        { label: 'Inscritas', value: 40 },
        { label: 'Vinieron al menos una vez', value: 20 },
        { label: 'Completaron', value: 'oculto' },
      ],
      spanish,
    );
    const widths = [...svg.matchAll(/<rect x="0" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toEqual([304, 152, 24]);
  });

  test('in English a hidden cell says «hidden» and numbers take English grouping; the bars do not change', () => {
    const bars = [
      { label: 'Enrolled', value: 12345 },
      { label: 'Came at least once', value: 'oculto' as const },
    ];
    const svg = funnelChart('f', 'Participation', bars, english);
    const values = [...svg.matchAll(/<text[^>]*class="value"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(values).toEqual(['12,345', 'hidden']);
    expect(svg).not.toContain('oculto');
    const widthsOf = (chart: string) =>
      [...chart.matchAll(/<rect x="0" y="[\d.]+" width="([\d.]+)"/g)].map((m) => m[1]);
    expect(widthsOf(svg)).toEqual(widthsOf(funnelChart('f', 'Participación', bars, spanish)));
    // A label cannot break out of the SVG text it is written in.
    expect(funnelChart('f', '<script>', [{ label: '</text><a>', value: 1 }], english)).not.toMatch(/<script>|<a>/);
  });

  test('the column chart names hidden months in the page’s words too', () => {
    const svg = columnChart(
      'r',
      'Reached',
      [
        { label: 'Jan', value: 'oculto' },
        { label: 'Feb', value: 1200 },
      ],
      english,
    );
    expect([...svg.matchAll(/class="value small">([^<]*)</g)].map((m) => m[1])).toEqual(['hidden', '1,200']);
  });
});
