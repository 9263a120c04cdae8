import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

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
