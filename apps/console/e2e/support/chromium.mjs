// How the console's browser checks launch Debian's Chromium, for the plain-ESM smoke test
// (smoke.mjs, run without a TypeScript loader) and the TypeScript end-to-end suite alike.

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** playwright-core's launch options: CHROMIUM_PATH or Debian's /usr/bin/chromium, headless, no sandbox. */
export function chromiumLaunchOptions() {
  return { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: FLAGS, headless: true };
}
