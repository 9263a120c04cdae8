import type { ProfileSummary } from '../measures/cpuProfile.ts';

/** Prints where the server spent the measured window, from its CPU profile. */
export function printProfile(summary: ProfileSummary | null): void {
  if (!summary) {
    console.log('  no CPU profile samples in the measured window');
    return;
  }
  const percent = (share: number) => `${(share * 100).toFixed(1).padStart(5)} %`;
  console.log(
    `  ${(summary.busyShare * 100).toFixed(0)} % busy over ${(summary.sampledMs / 1000).toFixed(1)} s; ` +
      'shares of busy time by area (self time):',
  );
  for (const area of summary.areas) console.log(`    ${percent(area.share)}  ${area.name}`);
  console.log('  hottest functions (self time):');
  for (const entry of summary.functions) console.log(`    ${percent(entry.share)}  ${entry.name}`);
  console.log('  server functions, with what they call synchronously (awaited work not included):');
  for (const entry of summary.serverFunctions) console.log(`    ${percent(entry.share)}  ${entry.name}`);
}
