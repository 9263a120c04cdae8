import type { RoundFigures } from '../workload/loadRounds.ts';
import { printTable, times } from './format.ts';
import { judgeTarget, ratioTargets, sizeNote, type RunSize } from './loadReport.ts';

/** The middle value of the finite ones (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = values.filter(Number.isFinite).sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * Prints each target's ratio to the relay in every round, for Concerto and Hocuspocus, and judges the
 * targets on the medians: one round on a shared 2-core machine can be minutes apart from another's
 * weather, but a ratio compares servers of the same round.
 */
export function printRoundTargets(rounds: readonly RoundFigures[], size: RunSize): void {
  const withPeer = rounds.every((round) => round.hocuspocus !== undefined);
  const roundHeads = rounds.map((_round, index) => `r${index + 1}`);
  const header = ['', ...roundHeads, 'median'];
  const rows: string[][] = [withPeer ? [...header, ...header.slice(1)] : header];
  const verdicts: string[] = [];
  for (const target of ratioTargets) {
    const ratios = rounds.map((round) => target.figure(round.concerto) / target.figure(round.relay));
    const peers = rounds.map((round) =>
      round.hocuspocus ? target.figure(round.hocuspocus) / target.figure(round.relay) : Number.NaN,
    );
    const [ratio, peer] = [median(ratios), withPeer ? median(peers) : undefined];
    const peerCells = withPeer ? [...peers.map(times), times(peer ?? Number.NaN)] : [];
    rows.push([target.label, ...ratios.map(times), times(ratio), ...peerCells]);
    verdicts.push(`  ${target.label}: ${judgeTarget(target, ratio, peer)}`);
  }
  console.log(
    `\nTargets (issue 16) over the ${rounds.length} rounds: each round's ratio to the relay, for Concerto` +
      (withPeer ? ' (left) and Hocuspocus (right)' : ''),
  );
  printTable(rows);
  console.log(`  Judged on the medians${sizeNote(size)}:`);
  for (const line of verdicts) console.log(line);
}
