import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findRepoRoot } from '../../../deploy/local/process-utils';

const REPO = findRepoRoot(__dirname);
/** Screenshots of each screen the browser test opens (gitignored with the rest of .jaring). */
export const SCREENSHOTS = join(REPO, '.jaring', 'screenshots');

/**
 * Debian's Chromium (installed by `npm test`'s setup, deploy/local/ensure-installed.js), headless. No sandbox:
 * CI runs as root, where Chromium's sandbox refuses to start; the pages are the platform's own. Nothing in the
 * background talks to the internet (updates, sync, metrics), so a run needs no network beyond 127.0.0.1.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-default-apps',
      '--disable-sync',
      '--metrics-recording-only',
      '--no-first-run',
      '--no-default-browser-check',
    ],
  });
}

/** A full-page screenshot under .jaring/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
