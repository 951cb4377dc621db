import { describe, expect, test } from 'vitest';
import { funnelChart } from '../../src/field-app/coordinator/charts.ts';

describe('the coordinator funnel chart', () => {
  test('a hidden unit is a hatched stub labelled «oculto», the same length whatever it hides', () => {
    const svg = funnelChart('f', 'Participación', [
      { label: 'Inscritas', value: 'oculto' },
      { label: 'Vinieron al menos una vez', value: 'oculto' },
      { label: 'Completaron', value: 'oculto' },
    ]);
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
    const svg = funnelChart('f', 'Participación', [
      { label: 'Inscritas', value: 40 },
      { label: 'Vinieron al menos una vez', value: 20 },
      { label: 'Completaron', value: 'oculto' },
    ]);
    const widths = [...svg.matchAll(/<rect x="0" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toEqual([304, 152, 24]);
  });
});
