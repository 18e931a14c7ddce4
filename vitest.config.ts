import { defineConfig } from "vitest/config";

/**
 * Every test runs on embedded PGlite; with TEST_DATABASE_URL set (as .ci/run does) the same tests run
 * again on a real PostgreSQL. Browser tests run once: the database under them is not what they test.
 */
const base = ["tests/**/*.test.ts"];
const browser = ["tests/e2e/**"];
/** Tests that pick their own database (their own PostgreSQL, or an embedded one): once is enough. */
const ownDatabase = [
  "tests/reliability/database-outage.test.ts",
  "tests/server/startup.test.ts",
  "tests/db/checkpoints.test.ts",
];
/** Tests of what only PostgreSQL has (several connections at once): the postgres project alone. */
const postgresOnly = ["tests/**/*.postgres.test.ts"];
const slow = { testTimeout: 60_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    globalSetup: ["tests/helpers/global-setup.ts"],
    // Most files wait on servers, browsers and child processes: two at a time use both cores.
    maxWorkers: 2,
    projects: [
      { test: { name: "pglite", include: base, exclude: postgresOnly, env: { TEST_DB: "pglite" }, ...slow } },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              test: {
                name: "postgres",
                include: base,
                exclude: [...browser, ...ownDatabase],
                env: { TEST_DB: "postgres" },
                ...slow,
              },
            },
          ]
        : []),
    ],
  },
});
