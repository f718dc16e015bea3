// The console's browser tests drive Debian's Chromium with playwright-core. A failing test leaves a screenshot
// of each of its pages in .stack/artifacts/console/<test name>.png.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { onTestFailed, onTestFinished } from 'vitest';
import { waitFor } from '../../../test/support/helpers.ts';
import { repoRoot } from '../../../test/support/stack-env.ts';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const ARTIFACTS_DIR = join(repoRoot, '.stack', 'artifacts', 'console');

const fileNameOf = (testName: string) =>
  testName
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);

/**
 * A browser for the current test, closed when it ends. On failure its pages are photographed first:
 * vitest runs onTestFinished hooks before onTestFailed ones, so a failed test's browser is closed there.
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  onTestFinished(async (context) => {
    if (context.task.result?.state !== 'fail') await browser.close();
  });
  onTestFailed(async (context) => {
    try {
      await mkdir(ARTIFACTS_DIR, { recursive: true });
      const pages = browser.contexts().flatMap((c) => c.pages());
      const name = fileNameOf(context.task.name);
      for (const [index, page] of pages.entries()) {
        const path = join(ARTIFACTS_DIR, `${name}${index === 0 ? '' : `-${index + 1}`}.png`);
        await page.screenshot({ path, fullPage: true }).catch(() => {});
        console.warn(`screenshot of the failed test's page: ${path}`);
      }
    } finally {
      await browser.close();
    }
  });
  return browser;
}

/** A page of `url` whose script errors are collected (a test expects none). */
export async function openPage(browser: Browser, url: string): Promise<{ page: Page; pageErrors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(url);
  return { page, pageErrors };
}

/** Waits until the element's text is `expected`; the timeout names what the page never showed. */
export async function seeText(locator: Locator, expected: string, what: string): Promise<void> {
  await waitFor(async () => (await locator.textContent({ timeout: 1000 }))?.trim() === expected, {
    what: `the page to show ${what} = ${JSON.stringify(expected)}`,
    timeout: 60_000,
    interval: 250,
  });
}
