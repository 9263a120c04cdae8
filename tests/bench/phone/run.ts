// `npm run bench:phone`: a mother's phone on slow mobile data (issue 13). Opens her invitation page and her
// plan in Chromium with the network and the CPU throttled, and prints the JavaScript bytes on the wire and
// the time until each page can be used, with their ratio to the figures measured before. Asserts nothing.
import os from 'node:os';
import { signIn } from '../../support/apiClient.ts';
import { launchChromium } from '../../support/browser.ts';
import { buildFamilyOnPhone } from '../../support/familyOnPhone.ts';
import { startServerProcess } from '../../support/serverProcess.ts';
import { slowPhonePage, slowProfile, type PhoneLoad } from './slowPhone.ts';

/** A figure measured before: usable time (a range where the issue gave one) and JS bytes if known. */
interface Reference {
  usableMs: { low: number; high: number };
  javascriptBytes: number | null;
}

/** Issue 13's figures on the same profile before this work (usable time; JS bytes where measured). */
const before: Record<'invitation' | 'plan', Reference> = {
  invitation: { usableMs: { low: 9000, high: 12000 }, javascriptBytes: null },
  plan: { usableMs: { low: 24600, high: 24600 }, javascriptBytes: 1.05e6 },
};
const targets = { planUsableMs: 8000, planJavascriptBytes: 250_000 };
const runs = Number(process.env.BENCH_RUNS ?? 3);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const kilobytes = (bytes: number) => `${Math.round(bytes / 1000)} KB`;

function summarise(label: string, loads: PhoneLoad[], reference: Reference): PhoneLoad {
  const usableMs = median(loads.map((load) => load.usableMs));
  const javascriptBytes = median(loads.map((load) => load.javascriptBytes));
  const { low, high } = reference.usableMs;
  const usableRatio =
    low === high
      ? `${(usableMs / low).toFixed(2)}x of ${seconds(low)}`
      : `${(usableMs / high).toFixed(2)}-${(usableMs / low).toFixed(2)}x of ${seconds(low)}-${seconds(high)}`;
  const bytesRatio = reference.javascriptBytes
    ? `${(javascriptBytes / reference.javascriptBytes).toFixed(2)}x of ${kilobytes(reference.javascriptBytes)}`
    : 'not measured before';
  console.log(`\n${label} (median of ${loads.length})`);
  console.log(
    `  usable after      ${seconds(usableMs)}   (${usableRatio})   runs: ${loads.map((l) => seconds(l.usableMs)).join(', ')}`,
  );
  console.log(`  JavaScript        ${kilobytes(javascriptBytes)} on the wire   (${bytesRatio})`);
  console.log(`  all responses     ${kilobytes(median(loads.map((load) => load.totalBytes)))}`);
  console.log(`  JS encodings      ${JSON.stringify(loads[0]?.encodings ?? {})}`);
  return { ...loads[0]!, usableMs, javascriptBytes };
}

async function main(): Promise<void> {
  console.log(
    `Slow phone: 390x844, ${slowProfile.latencyMs} ms latency, ${slowProfile.kilobitsPerSecond} kbit/s, CPU ${slowProfile.cpuSlowdown}x slower`,
  );
  console.log(
    `Machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, ${new Date().toISOString()}`,
  );
  const server = await startServerProcess({
    CONCERTO_ADMIN_EMAIL: 'admin@bench.test',
    CONCERTO_ADMIN_PASSWORD: 'admin-password-1',
  });
  const browser = await launchChromium();
  try {
    const admin = await signIn(server.url, 'admin@bench.test', 'admin-password-1');
    const scenario = await buildFamilyOnPhone(server.url, admin);
    const invitationLoads: PhoneLoad[] = [];
    const planLoads: PhoneLoad[] = [];
    for (let run = 0; run < runs; run++) {
      const invitation = await scenario.invite();
      const phone = await slowPhonePage(browser);
      invitationLoads.push(await phone.load(invitation.url, '[data-testid="redeem-code"]'));
      await phone.close();
      const token = await scenario.redeem(invitation.url, invitation.code);
      const signedIn = await slowPhonePage(browser, {
        name: 'concerto_session',
        value: token,
        url: server.url,
      });
      planLoads.push(
        await signedIn.load(`${server.url}${scenario.planPath}`, '[data-testid="plan-editor"] .plan-grid'),
      );
      await signedIn.close();
    }
    summarise('Invitation page (code field shown)', invitationLoads, before.invitation);
    const plan = summarise('Her plan (plan shown, live)', planLoads, before.plan);
    console.log(
      `\nTargets: plan usable < ${seconds(targets.planUsableMs)}: ${plan.usableMs < targets.planUsableMs ? 'PASS' : 'MISS'}; ` +
        `plan JS < ${kilobytes(targets.planJavascriptBytes)}: ${plan.javascriptBytes < targets.planJavascriptBytes ? 'PASS' : 'MISS'}`,
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
