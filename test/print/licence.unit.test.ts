import { describe, expect, test } from 'vitest';
import { licenceOf } from '../../src/print/licence.ts';

describe('one SPDX id, one licence link (catalog JSON-LD and printed colophons)', () => {
  test.each([
    ['CC0-1.0', 'CC0 1.0', 'https://creativecommons.org/publicdomain/zero/1.0/'],
    ['CC-BY-4.0', 'CC BY 4.0', 'https://creativecommons.org/licenses/by/4.0/'],
    ['CC-BY-SA-4.0', 'CC BY-SA 4.0', 'https://creativecommons.org/licenses/by-sa/4.0/'],
    ['CC-BY-NC-4.0', 'CC BY-NC 4.0', 'https://creativecommons.org/licenses/by-nc/4.0/'],
    ['CC-BY-NC-SA-4.0', 'CC BY-NC-SA 4.0', 'https://creativecommons.org/licenses/by-nc-sa/4.0/'],
    ['CC-BY-ND-4.0', 'CC BY-ND 4.0', 'https://creativecommons.org/licenses/by-nd/4.0/'],
    ['CC-BY-NC-ND-4.0', 'CC BY-NC-ND 4.0', 'https://creativecommons.org/licenses/by-nc-nd/4.0/'],
  ])('%s is %s at %s', (spdx, label, url) => {
    expect(licenceOf(spdx)).toEqual({ label, url });
  });

  test('SPDX ids match whatever their case', () => {
    expect(licenceOf('cc-by-nc-nd-4.0')).toEqual({
      label: 'CC BY-NC-ND 4.0',
      url: 'https://creativecommons.org/licenses/by-nc-nd/4.0/',
    });
    expect(licenceOf('cc0-1.0').url).toBe('https://creativecommons.org/publicdomain/zero/1.0/');
  });

  test('an id outside the CC grammar is not guessed into a Creative Commons address', () => {
    // SA before NC, SA with ND, or a doubled term name no licence; spdx.org says so, not a made-up CC page.
    for (const spdx of ['CC-BY-SA-NC-4.0', 'CC-BY-SA-ND-4.0', 'CC-BY-NC-NC-4.0', 'CC-NC-4.0', 'CC0-4'])
      expect(licenceOf(spdx)).toEqual({ label: spdx, url: `https://spdx.org/licenses/${spdx}.html` });
    expect(licenceOf('MIT')).toEqual({ label: 'MIT', url: 'https://spdx.org/licenses/MIT.html' });
  });
});
