import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const candidatePaths = [
  process.env.CHROMIUM_PATH,
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
];

/** Flags that keep headless Chromium quiet on a machine with a closed network. */
export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launches Debian's Chromium, or fails with the command that installs it. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = candidatePaths.find((candidate) => candidate && existsSync(candidate));
  if (!executablePath) {
    throw new Error(
      'Chromium is missing, so the end-to-end tests cannot run. Install it with: ' +
        'sudo apt-get update && sudo apt-get install -y chromium (or set CHROMIUM_PATH to a Chromium binary).',
    );
  }
  return chromium.launch({ executablePath, args: chromiumFlags, headless: true });
}

/**
 * A browser context already signed in with a session token, as the login page would leave it (no form,
 * no login attempt spent), that reports Content Security Policy violations as console errors.
 */
export async function signedInContext(
  browser: Browser,
  serverUrl: string,
  token: string,
  options: Parameters<Browser['newContext']>[0],
): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await context.addCookies([{ name: 'concerto_session', value: token, url: serverUrl }]);
  await context.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`),
    ),
  );
  return context;
}

/** Opens a page that records console errors and page errors into `problems`. */
export async function openWatchedPage(
  context: BrowserContext,
  url: string,
  problems: string[],
): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(url);
  return page;
}
