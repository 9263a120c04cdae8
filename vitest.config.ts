import { defineConfig } from 'vitest/config';

/**
 * Three projects: fast unit tests, integration tests against a real server and database, e2e in Chromium.
 * Integration and e2e run on MONGODB_URI when set, else on one MongoDB stand-in process (globalDatabase.ts).
 */
export default defineConfig({
  test: {
    reporters: ['default', './tests/support/summaryReporter.ts'],
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tools/mongo-standin/test/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/globalDatabase.ts'],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/globalDatabase.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // A browser on a busy machine may need more than a second to show what a poll waits for.
          expect: { poll: { timeout: 10_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
