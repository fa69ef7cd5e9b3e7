// Smoke test of the built console in real headless Chromium (Debian's chromium + playwright-core):
// the sign-in page renders, is operable by keyboard alone, and reports a failed sign-in in words.
// Run after `npm run build`: `node e2e/smoke.mjs`. Needs no backend; the full-stack tests come later.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { chromiumLaunchOptions } from './support/chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = path.join(root, 'test-artifacts');

await mkdir(artifacts, { recursive: true });
// Port 0 would not be proxied predictably; a fixed uncommon port, refused if taken.
const server = await preview({
  root,
  configFile: path.join(root, 'vite.config.mts'),
  preview: { port: Number(process.env.SMOKE_PORT ?? 4319), strictPort: true, host: '127.0.0.1' },
  logLevel: 'warn',
});
const base = server.resolvedUrls.local[0];
const browser = await chromium.launch(chromiumLaunchOptions());
const failures = [];
const check = async (name, fn) => {
  try {
    await fn();
    console.log(`ok   ${name}`);
  } catch (error) {
    failures.push(name);
    console.log(`FAIL ${name}\n     ${error.message.split('\n')[0]}`);
  }
};

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });

  await check('an unknown address leads to the sign-in page', async () => {
    await page.goto(`${base}racks`);
    await page.waitForURL(/\/sign-in$/);
    await page.getByRole('heading', { name: 'Sign in to rackeval' }).waitFor();
  });

  await check('the user name field has focus and every control is reachable by Tab', async () => {
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'username');
    await page.keyboard.type('fiona');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'password');
    await page.keyboard.type('not-the-password');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Sign in');
    await page.screenshot({ path: path.join(artifacts, 'sign-in.png') });
  });

  await check('a failed sign-in is announced in words (no gateway, or a wrong password)', async () => {
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 10_000 });
    const text = await alert.textContent();
    assert.match(text ?? '', /Sign-in failed/);
    await page.screenshot({ path: path.join(artifacts, 'sign-in-failed.png') });
  });
} finally {
  await browser.close();
  await server.close();
}

if (failures.length) {
  console.log(`${failures.length} smoke check(s) failed`);
  process.exit(1);
}
console.log(`smoke checks passed; screenshots in ${path.relative(process.cwd(), artifacts) || '.'}`);
