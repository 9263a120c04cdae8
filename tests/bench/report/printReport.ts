import type { BenchOptions } from '../benchOptions.ts';
import type { ColdLoadFigures } from '../measures/coldLoad.ts';
import type { ProfileSummary } from '../measures/cpuProfile.ts';
import type { LargeDocument } from '../measures/largeDocument.ts';
import type { StoredUpdates } from '../measures/storedUpdates.ts';
import type { LoadFigures } from '../workload/editingLoad.ts';
import type { RoundFigures } from '../workload/loadRounds.ts';
import { printColdLoad } from './coldLoadReport.ts';
import { printLoadComparison } from './loadReport.ts';
import { printPersistence, printStoredCompleteness } from './persistenceReport.ts';
import { printProfile } from './profileReport.ts';
import { printRoundTargets } from './roundsReport.ts';
import { printServerLog } from './serverLog.ts';

/** Everything one run measured. */
export interface BenchResults {
  options: BenchOptions;
  /** The relay, Concerto and Hocuspocus 4 (unless left out with `--no-hocuspocus`) in each round. */
  rounds: RoundFigures[];
  /** Cold load and storage (after Concerto's last load): measured on one instance only. */
  storage?: StorageResults;
  /** Where the server spent the connection of every participant, and the measured window (last round). */
  profile?: { connect: ProfileSummary | null; window: ProfileSummary | null };
  serverOutput: string;
}

/** What the single-instance run measures after the load: cold loads and bytes stored. */
export interface StorageResults {
  large: LargeDocument;
  cold: ColdLoadFigures;
  stored: {
    /** The load documents and the large one as server 1 left them, then after the forced compaction. */
    asLeft: StoredUpdates;
    largeAsLeft: StoredUpdates;
    compacted: StoredUpdates;
    largeCompacted: StoredUpdates;
    /** Update bytes of the one-character edits that forced the compaction: all, and the large document's. */
    touchBytes: number;
    largeTouchBytes: number;
  };
}

/** Prints the five figures with their targets, then the CPU profile and the server log. */
export function printReport(results: BenchResults): void {
  const { options, rounds } = results;
  const peers = options.hocuspocus ? ', and Hocuspocus 4' : '';
  const instances = options.instances > 1 ? `, each on ${options.instances} instances over Redis` : '';
  rounds.forEach((round, index) => {
    const which =
      rounds.length > 1 ? `, round ${index + 1} of ${rounds.length} (${round.order.join(', ')})` : '';
    console.log(`\n1-3. Editing load: Concerto against the bare relay${peers}${instances}${which}`);
    const scope = rounds.length > 1 ? 'in this round' : 'in this run';
    printLoadComparison(round.concerto, round.relay, round.hocuspocus, options, scope);
  });
  if (rounds.length > 1) printRoundTargets(rounds, options);
  const last = rounds[rounds.length - 1];
  if (results.storage && last) printStorage(last.concerto, results.storage, options.coldRuns);
  if (results.profile !== undefined) {
    const which = rounds.length > 1 ? `, round ${rounds.length}` : '';
    console.log(
      `\nServer CPU profile while the Concerto participants connected${which} (self time, wall clock)`,
    );
    printProfile(results.profile.connect);
    console.log(`\nServer CPU profile during the measured Concerto window${which} (self time, wall clock)`);
    printProfile(results.profile.window);
  }
  console.log('\nServer log (warn and above)');
  printServerLog(results.serverOutput);
}

function printStorage(concerto: LoadFigures, storage: StorageResults, coldRuns: number): void {
  const { large, stored } = storage;
  console.log('\n4. Cold load of a 100 KB document from the database (stand-in), through the real server');
  printColdLoad(large, storage.cold, coldRuns);
  console.log(
    '\n5. Bytes persisted per byte of update (read from the database file after each server stopped)',
  );
  const loadTouchBytes = stored.touchBytes - stored.largeTouchBytes;
  printPersistence([
    {
      label: 'load documents as left',
      updateBytes: concerto.updateBytes,
      stored: stored.asLeft,
      compacted: false,
    },
    {
      label: 'load documents compacted',
      updateBytes: concerto.updateBytes + loadTouchBytes,
      stored: stored.compacted,
      compacted: true,
    },
    {
      label: '100 KB document as built',
      updateBytes: large.updateBytes,
      stored: stored.largeAsLeft,
      compacted: false,
    },
    {
      label: '100 KB document compacted',
      updateBytes: large.updateBytes + stored.largeTouchBytes,
      stored: stored.largeCompacted,
      compacted: true,
    },
  ]);
  const states = concerto.documentStates;
  const complete = [...states].filter(
    ([spaceId, state]) => stored.asLeft.stateVectors.get(spaceId) === state,
  );
  printStoredCompleteness(complete.length, states.size);
}
