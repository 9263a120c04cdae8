import type { Browser, Page } from 'playwright-core';

/** The slow profile of issue 13: 400 ms latency, 400 kbit/s each way, a CPU 4 times slower. */
export const slowProfile = { latencyMs: 400, kilobitsPerSecond: 400, cpuSlowdown: 4 };

// `BENCH_WATERFALL=1` prints each request's start and end (seconds) to see what waits for what.
const waterfall = process.env.BENCH_WATERFALL === '1';

/** One page load measured on the slow phone. */
export interface PhoneLoad {
  /** Milliseconds from the start of navigation until the page can be used. */
  usableMs: number;
  /** Bytes of JavaScript received (compressed, as on the wire, headers included). */
  javascriptBytes: number;
  /** Bytes of every response. */
  totalBytes: number;
  /** Content-Encoding of each JavaScript response, counted. */
  encodings: Record<string, number>;
}

/**
 * A 390x844 phone page with an empty cache and the slow profile applied through the Chrome DevTools
 * Protocol (network conditions and CPU throttling), counting the bytes of each response.
 */
export async function slowPhonePage(browser: Browser, cookie?: { name: string; value: string; url: string }) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  if (cookie) await context.addCookies([cookie]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const bytesPerSecond = (slowProfile.kilobitsPerSecond * 1000) / 8;
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: slowProfile.latencyMs,
    downloadThroughput: bytesPerSecond,
    uploadThroughput: bytesPerSecond,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowProfile.cpuSlowdown });
  const scripts = new Map<string, string>();
  let counted = { javascriptBytes: 0, totalBytes: 0, encodings: {} as Record<string, number> };
  cdp.on('Network.responseReceived', (event) => {
    if (event.type !== 'Script') return;
    const headers = Object.fromEntries(
      Object.entries(event.response.headers).map(([name, value]) => [name.toLowerCase(), String(value)]),
    );
    scripts.set(event.requestId, headers['content-encoding'] ?? 'none');
  });
  const started = new Map<string, { url: string; at: number }>();
  cdp.on('Network.requestWillBeSent', (event) =>
    started.set(event.requestId, { url: event.request.url, at: event.timestamp }),
  );
  cdp.on('Network.webSocketCreated', (event) => waterfall && console.log(`  ws ${event.url.slice(0, 80)}`));
  cdp.on('Network.loadingFinished', (event) => {
    const request = started.get(event.requestId);
    if (waterfall && request)
      console.log(
        `  ${(request.at % 1000).toFixed(2)} -> ${(event.timestamp % 1000).toFixed(2)} ${event.encodedDataLength} ${request.url.slice(-60)}`,
      );
    counted.totalBytes += event.encodedDataLength;
    const encoding = scripts.get(event.requestId);
    if (encoding === undefined) return;
    counted.javascriptBytes += event.encodedDataLength;
    counted.encodings[encoding] = (counted.encodings[encoding] ?? 0) + 1;
  });

  /** Opens `url` and waits until `usable` holds in the page; returns what the load cost. */
  async function load(url: string, usable: string): Promise<PhoneLoad> {
    counted = { javascriptBytes: 0, totalBytes: 0, encodings: {} };
    await page.goto(url, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(
      (selector) => (document.querySelector(selector) ? performance.now() : false),
      usable,
      { polling: 100, timeout: 120_000 },
    );
    const usableMs = Number(await handle.jsonValue());
    // Let requests that were still arriving (late chunks) finish, so their bytes are counted.
    await page.waitForLoadState('networkidle', { timeout: 8000 }).catch(() => undefined);
    return { usableMs, ...counted };
  }

  return { page: page as Page, load, close: () => context.close() };
}
