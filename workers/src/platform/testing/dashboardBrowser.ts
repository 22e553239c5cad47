import { chromium, type Browser, type Page } from 'playwright-core';
import type { FullSystem } from '@edge/dev/testing';

/** A Chromium page signed in to the dashboard as the simulator's demo owner, with the page errors it collects. */
export interface DashboardBrowser {
  browser: Browser;
  page: Page;
  /** Uncaught page errors (a test expects none). */
  errors: string[];
}

/** Launches Chromium (CHROMIUM_PATH, else /usr/bin/chromium) and signs in through the real OAuth2 flow. */
export async function openDashboard(sys: FullSystem): Promise<DashboardBrowser> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.setDefaultTimeout(20_000);
  // The first page of a fresh Worker compiles and serves every asset cold; on a busy 2-core
  // runner that once took over 20 s. It is waited for as long as a test may take.
  await page.goto(sys.publicUrl, { timeout: 60_000 });
  await page.getByTestId('login').click();
  await page.locator('#authorize').click();
  await page.waitForURL(`${sys.publicUrl}/guilds`);
  return { browser, page, errors };
}
