import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints one closing line that any CI can read, after vitest's own summary:
 * `vitest: N passed, N failed, N skipped`. In one lane of `npm test` (`tools/testLanes.mjs`) the line names
 * the lane, `vitest (e2e): …`, and `npm test` closes with the line for the whole run.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const testModule of testModules) {
      for (const test of testModule.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed += 1;
        else if (state === 'failed') counts.failed += 1;
        else counts.skipped += 1;
      }
    }
    const lane = process.env.CONCERTO_TEST_LANE;
    process.stdout.write(
      `\nvitest${lane ? ` (${lane})` : ''}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`,
    );
  }
}
