import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/** Debian's chromium unless CHROMIUM_PATH names another. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless and network-quiet: no sandbox (containers), no GPU, no background downloads. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const chromiumInstalled = () => existsSync(CHROMIUM);

/** Launches Chromium through playwright-core, imported only when needed (it is a dev dependency). */
export async function launchChromium(): Promise<Browser> {
  if (!chromiumInstalled())
    throw new Error(`Chromium is not installed at ${CHROMIUM}: run \`apt-get install -y chromium\` (.ci/run does).`);
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs });
}
