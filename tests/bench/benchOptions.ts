import { parseArgs } from 'node:util';

/** What `npm run bench` runs: flags win over `BENCH_*` environment variables, which win over defaults. */
export interface BenchOptions {
  spaces: number;
  participants: number;
  /** Seconds of steady editing measured (after a 5 s warm-up). */
  durationSeconds: number;
  workers: number;
  coldRuns: number;
  /** Longest wait, in seconds, for other processes to calm down before each measure. */
  quietWaitSeconds: number;
  /** Write a CPU profile of the server and print where it spent the measured window. */
  profile: boolean;
  quick: boolean;
  /** Server instances the clients are spread over (Redis between them when more than one). */
  instances: number;
  /** Whether the load also runs on Hocuspocus 4 (the peer a team would pick instead). */
  hocuspocus: boolean;
  /** Rounds of the editing load on every server, in a rotating order; the targets use each ratio's median. */
  rounds: number;
}

const full = {
  spaces: 200,
  participants: 10,
  duration: 20,
  workers: 4,
  'cold-runs': 30,
  'quiet-wait': 60,
  instances: 1,
  rounds: 3,
};
const quick = {
  ...full,
  spaces: 20,
  participants: 5,
  duration: 5,
  'cold-runs': 10,
  'quiet-wait': 10,
  rounds: 1,
};

/** Usage text printed by `--help`. */
export const usage = `npm run bench -- [--quick] [--spaces 200] [--participants 10] [--duration 20]
                    [--workers 4] [--cold-runs 30] [--quiet-wait 60] [--profile]
                    [--instances 1] [--rounds 3] [--no-hocuspocus]
Environment: BENCH_SPACES, BENCH_PARTICIPANTS, BENCH_DURATION, BENCH_WORKERS, BENCH_COLD_RUNS,
BENCH_QUIET_WAIT, BENCH_INSTANCES, BENCH_ROUNDS, BENCH_QUICK=1, BENCH_PROFILE=1, BENCH_HOCUSPOCUS=0.
--quick is 20 spaces x 5 participants for 5 s, one round.
--rounds N: the editing load runs N times on each server, each server restarted and given new spaces every
round, in an order that rotates (relay, Hocuspocus, Concerto; then Hocuspocus, Concerto, relay; ...). Each
round's ratios compare servers measured minutes apart; the targets are judged on the median of each ratio.
--quiet-wait: seconds to wait, before each measure, for other processes to use < 0.25 cores.
--instances N: each space's participants are spread over N instances of every server, with a
redis-server (started on a free port) between them; cold load and stored bytes are then not measured.
--no-hocuspocus: leaves out the Hocuspocus 4 column.`;

function integerOption(name: string, text: string | undefined, fallback: number, minimum: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum) {
    throw new Error(`--${name} expects an integer of at least ${minimum}, got "${text}"`);
  }
  return value;
}

/** Reads the options from the command line and the environment; undefined when help was asked. */
export function readBenchOptions(argv: string[], environment: NodeJS.ProcessEnv): BenchOptions | undefined {
  const { values } = parseArgs({
    args: argv,
    allowNegative: true,
    options: {
      spaces: { type: 'string' },
      participants: { type: 'string' },
      duration: { type: 'string' },
      workers: { type: 'string' },
      'cold-runs': { type: 'string' },
      'quiet-wait': { type: 'string' },
      quick: { type: 'boolean' },
      instances: { type: 'string' },
      rounds: { type: 'string' },
      profile: { type: 'boolean' },
      hocuspocus: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return undefined;
  const isQuick = values.quick ?? environment.BENCH_QUICK === '1';
  const defaults = isQuick ? quick : full;
  const pick = (name: keyof typeof full, variable: string, minimum = 1) =>
    integerOption(name, values[name] ?? environment[variable], defaults[name], minimum);
  const options = {
    spaces: pick('spaces', 'BENCH_SPACES'),
    participants: pick('participants', 'BENCH_PARTICIPANTS'),
    durationSeconds: pick('duration', 'BENCH_DURATION'),
    workers: pick('workers', 'BENCH_WORKERS'),
    coldRuns: pick('cold-runs', 'BENCH_COLD_RUNS'),
    quietWaitSeconds: pick('quiet-wait', 'BENCH_QUIET_WAIT', 0),
    profile: values.profile ?? environment.BENCH_PROFILE === '1',
    quick: isQuick,
    instances: pick('instances', 'BENCH_INSTANCES'),
    rounds: pick('rounds', 'BENCH_ROUNDS'),
    hocuspocus: values.hocuspocus ?? environment.BENCH_HOCUSPOCUS !== '0',
  };
  if (options.participants < 2)
    throw new Error('--participants must be at least 2: latency is measured between them');
  return options;
}
