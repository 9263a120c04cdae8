// The whole suite in two lanes at once: the end-to-end files, one at a time as before (one Chromium, one test
// server), beside the unit and integration files. On a 2-core machine vitest otherwise runs every file one
// after the other (its default is cores - 1 workers), so the suite took the sum of all its files.
import { spawn } from 'node:child_process';

const lanes = [
  { name: 'unit, integration', projects: ['unit', 'integration'] },
  { name: 'e2e', projects: ['e2e'] },
];
const summary = /^vitest \(([^)]*)\): (\d+) passed, (\d+) failed, (\d+) skipped$/m;

/** Runs one lane's vitest; its output is streamed when `live`, else kept and printed when asked. */
function runLane(root, vitest, lane, live) {
  const child = spawn(process.execPath, [vitest, 'run', ...lane.projects.flatMap((p) => ['--project', p])], {
    cwd: root,
    env: { ...process.env, CONCERTO_TEST_LANE: lane.name },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk) => {
      output += chunk.toString();
      if (live) (stream === child.stdout ? process.stdout : process.stderr).write(chunk);
    });
  }
  const done = new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
  return { child, done, output: () => output };
}

/**
 * Runs both lanes; the first streams live, the second is printed when the first is done. Ends with one
 * `vitest: N passed, N failed, N skipped` line for the whole run, as a single vitest run would.
 */
export async function runLanes(root, vitest) {
  const running = lanes.map((lane, index) => runLane(root, vitest, lane, index === 0));
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => running.forEach(({ child }) => child.kill(signal)));
  }
  const codes = [];
  for (const [index, lane] of running.entries()) {
    codes.push(await lane.done);
    if (index > 0) process.stdout.write(`\n--- ${lanes[index].name}\n${lane.output()}`);
  }
  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const [index, lane] of running.entries()) {
    const counts = summary.exec(lane.output());
    // A lane that died before its counts says so, so that the closing line is not taken for the whole run.
    if (!counts) {
      process.stdout.write(
        `\nThe ${lanes[index].name} lane ended (code ${codes[index]}) without its counts.\n`,
      );
      continue;
    }
    total.passed += Number(counts[2]);
    total.failed += Number(counts[3]);
    total.skipped += Number(counts[4]);
  }
  process.stdout.write(
    `\nvitest: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`,
  );
  return codes.find((code) => code !== 0) ?? 0;
}
