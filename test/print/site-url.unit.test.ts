// The one rule for the site's address (src/curriculum/site-url.ts), which Astro's `site` (catalog,
// JSON-LD) and the print views share: SITE_URL, then the organisation's website; placeholders
// (reserved example/test hosts) give no address, so print leaves the line out.
import { describe, expect, test } from 'vitest';
import { isPlaceholderHost, publicSiteUrl, realEmail, realUrl } from '../../src/curriculum/site-url.ts';

const org = (website?: string) => (website ? { website } : {});

describe('the public site address', () => {
  test('SITE_URL wins over the organisation website', () => {
    expect(publicSiteUrl(org('https://tejido.finca.pe'), { SITE_URL: 'https://cursos.finca.pe/' })?.href).toBe(
      'https://cursos.finca.pe/',
    );
  });

  test('without SITE_URL the organisation website is used', () => {
    expect(publicSiteUrl(org('https://tejido.finca.pe'), {})?.href).toBe('https://tejido.finca.pe/');
    expect(publicSiteUrl(org('https://tejido.finca.pe'), { SITE_URL: '' })?.href).toBe('https://tejido.finca.pe/');
  });

  test('neither given: no address', () => {
    expect(publicSiteUrl(org(), {})).toBeUndefined();
  });

  test('the placeholder website of the shipped config gives no address', () => {
    expect(publicSiteUrl(org('https://tejido.example.org'), {})).toBeUndefined();
  });

  test('a placeholder SITE_URL gives no address, even with a real website behind it (the first one given decides)', () => {
    expect(publicSiteUrl(org('https://tejido.finca.pe'), { SITE_URL: 'https://tejido.example.org' })).toBeUndefined();
  });

  test('a real SITE_URL still gives an address when the website is a placeholder', () => {
    expect(publicSiteUrl(org('https://tejido.example.org'), { SITE_URL: 'https://tejido.finca.pe' })?.href).toBe(
      'https://tejido.finca.pe/',
    );
  });
});

describe('placeholders, attacked', () => {
  test.each([
    'example.org',
    'tejido.example.org',
    'EXAMPLE.COM',
    'a.b.example.net',
    'fincaperu.example',
    'fincaperu.example.',
    'tejido.test',
    'localhost',
    'site.localhost',
    'x.invalid',
  ])('%s is a placeholder', (host) => expect(isPlaceholderHost(host)).toBe(true));

  test.each([
    'finca.pe',
    'tejido.finca.org.pe',
    'example.pe',
    'myexample.org',
    'example.org.pe',
    'examples.com',
    'testing.pe',
  ])('%s is not a placeholder', (host) => expect(isPlaceholderHost(host)).toBe(false));

  test('an address that does not parse, or is not on the web, is no address', () => {
    expect(realUrl('tejido.finca.pe')).toBeUndefined();
    expect(realUrl('javascript:alert(1)')).toBeUndefined();
    expect(realUrl('ftp://finca.pe/')).toBeUndefined();
    expect(realUrl('')).toBeUndefined();
    expect(realUrl('https://tejido.example.org:443/x')).toBeUndefined();
  });

  test('e-mail addresses on a placeholder domain are left out; real ones kept', () => {
    expect(realEmail('contacto@fincaperu.example')).toBeUndefined();
    expect(realEmail('info@EXAMPLE.org')).toBeUndefined();
    expect(realEmail('contacto@finca.pe')).toBe('contacto@finca.pe');
    expect(realEmail(undefined)).toBeUndefined();
  });
});
