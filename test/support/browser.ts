// Tests and benches launch Debian's chromium exactly as `npm run pdf` does: one set of flags.
export { CHROMIUM, launchChromium } from '../../src/print/chromium.ts';
