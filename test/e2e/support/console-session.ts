import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildConsole } from '../../../deploy/local/console/build-console';
import { startConsoleServer, type ConsoleServer } from '../../../deploy/local/console/serve-console';
import { CONSOLE_CLIENT, CONSOLE_TEST_PORT, DEVELOPMENT_USERS } from '../../../deploy/local/oidc/development-identities';
import { findRepoRoot } from '../../../deploy/local/process-utils';
import { testInfrastructure } from '../../support/infrastructure';
import { launchChromium } from './console-browser';
import { Platform, type PlatformOptions } from './platform-processes';

const REPO = findRepoRoot(__dirname);
/** How long a screen may take to show what the test waits for. */
export const UI_TIMEOUT_MS = 20_000;

/**
 * The console in Debian's Chromium against the real platform: the four services as processes, the test run's
 * OpenID provider, the console built with Vite and served with its API proxy as `npm start` serves it. Each
 * browser test file has its own (its own databases and ports), started in `beforeAll` and stopped in `afterAll`.
 */
export class ConsoleSession {
  readonly platform: Platform;
  private server?: ConsoleServer;
  private browser?: Browser;
  private readonly contexts: BrowserContext[] = [];

  constructor(options: PlatformOptions) {
    this.platform = new Platform(options);
  }

  /** The console's address, e.g. http://127.0.0.1:13000. */
  get url(): string {
    if (!this.server) throw new Error('the console session is not started');
    return this.server.url;
  }

  async start(): Promise<this> {
    const [build] = await Promise.all([buildConsole(REPO), this.platform.start()]);
    this.server = await startConsoleServer({
      staticDir: build.outDir,
      services: {
        enrollment: this.platform.url('enrollment'),
        contributions: this.platform.url('contributions'),
        subsidies: this.platform.url('subsidies'),
        claims: this.platform.url('claims'),
      },
      issuer: testInfrastructure().oidcIssuer,
      clientId: CONSOLE_CLIENT.clientId,
      port: CONSOLE_TEST_PORT,
    });
    this.browser = await launchChromium();
    return this;
  }

  /** A fresh browser profile (no session, no storage), in Indonesian, as at a new desk. */
  async newPage(): Promise<Page> {
    if (!this.browser) throw new Error('the console session is not started');
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID', acceptDownloads: true });
    this.contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    return page;
  }

  /** Closes every page opened so far (between tests: the next one starts signed out). */
  async closePages(): Promise<void> {
    await Promise.all(this.contexts.splice(0).map((context) => context.close()));
  }

  /**
   * Signs a development user in through the provider's login form, starting at `hash` (e.g. `#/claims`), and
   * waits until the console shows that screen.
   */
  async signIn(page: Page, username: string, hash = '#/'): Promise<void> {
    const user = DEVELOPMENT_USERS.find((candidate) => candidate.username === username);
    if (!user) throw new Error(`no development user ${username}`);
    await page.goto(`${this.url}/${hash}`);
    await page.waitForURL(`${this.url}/#/login`);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.waitForURL(/\/interaction\//);
    await page.getByLabel('Username').fill(user.username);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${this.url}/${hash}**`);
  }

  async stop(): Promise<void> {
    await this.closePages();
    await this.browser?.close();
    await this.server?.stop();
    await this.platform.stop();
  }
}

/** The text of the element with this test id, once it is there, its white space folded. */
export async function textOf(page: Page, testId: string): Promise<string> {
  const element = page.getByTestId(testId);
  await element.waitFor();
  return (await element.innerText()).replace(/\s+/g, ' ').trim();
}

/** `Rp16.800`: written out here, apart from the console's own formatter. */
export const rupiahText = (amount: number): string => `Rp${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;

const MONTHS_ID = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];
/** `2026-11` as the console writes it: `November 2026`. */
export const periodText = (period: string): string => `${MONTHS_ID[Number(period.slice(5, 7)) - 1]} ${period.slice(0, 4)}`;
