import { defineConfig } from "vitest/config";

/**
 * Every test runs on embedded PGlite; with TEST_DATABASE_URL set (as .ci/run does) the same tests run
 * again on a real PostgreSQL. Browser tests run once: the database under them is not what they test.
 */
const base = ["tests/**/*.test.ts"];
const browser = ["tests/e2e/**"];
/** Tests that start their own PostgreSQL: once is enough. */
const ownDatabase = ["tests/reliability/database-outage.test.ts"];
const slow = { testTimeout: 60_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    globalSetup: ["tests/helpers/global-setup.ts"],
    projects: [
      { test: { name: "pglite", include: base, env: { TEST_DB: "pglite" }, ...slow } },
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
