import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from './chromium.mjs';

/** Screenshots of the key screens, kept as test artifacts (git-ignored). */
export const ARTIFACTS = path.resolve(__dirname, '../../../../test-artifacts/console');

/**
 * Debian's Chromium driven by playwright-core. One browser (playwright launches it on a fresh,
 * temporary user-data-dir) and one isolated context per person, so two finance users never share
 * a session.
 */
export class Browsers {
  private constructor(
    private readonly browser: Browser,
    private readonly baseUrl: string,
  ) {}

  static async launch(baseUrl: string): Promise<Browsers> {
    const browser = await chromium.launch(chromiumLaunchOptions());
    return new Browsers(browser, baseUrl);
  }

  /** A new context for one person, signed in through the console's sign-in page. */
  async signIn(username: string, password = 'rackeval'): Promise<Page> {
    const page = await this.newPage();
    await page.goto('/');
    await page.getByLabel('User name').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    return page;
  }

  /** A page in a new, isolated context (its own cookies and storage), not signed in. */
  async newPage(): Promise<Page> {
    const context = await this.browser.newContext({ viewport: { width: 1366, height: 900 }, baseURL: this.baseUrl });
    context.setDefaultTimeout(30_000);
    return context.newPage();
  }

  /** Screenshots of every page still open, named after the user; for a failed test. */
  async screenshotOpenPages(prefix: string): Promise<void> {
    for (const context of this.browser.contexts()) {
      for (const page of context.pages()) {
        const user = await page.evaluate(() => sessionStorage.getItem('rackeval.session')).catch(() => null);
        const name = user ? (JSON.parse(user) as { username: string }).username : 'signed-out';
        await screenshot(page, `${prefix}-${name}`).catch(() => undefined);
      }
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Marks the document, so a later check can prove the page was never reloaded in between. */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { __notReloaded?: boolean }).__notReloaded = true));
}

export async function stillSameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded === true);
}

/**
 * `it` for a flow through the console: a failure first leaves screenshots of every page still open,
 * named `failed-<prefix><the test's first four words>`, and lets `annotate` add to the error.
 * `browsers` is asked when the test fails (the stack starts them in its beforeAll).
 */
export function flowTest(browsers: () => Browsers, prefix = '', annotate?: (error: unknown) => void) {
  return (name: string, body: () => Promise<void>) =>
    it(name, async () => {
      try {
        await body();
      } catch (error) {
        const words = name
          .split(' ')
          .slice(0, 4)
          .join('-')
          .replace(/[^\w-]/g, '');
        await browsers().screenshotOpenPages(`failed-${prefix}${words}`);
        annotate?.(error);
        throw error;
      }
    });
}
