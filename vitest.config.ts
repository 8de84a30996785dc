import path from "node:path";
import { defineConfig } from "vitest/config";

// With DATABASE_URL set every test file shares one server database, so files run one at a time;
// otherwise each file gets its own in-memory PGlite.
const sharedServer = Boolean(process.env.DATABASE_URL);

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      // The marker that keeps the store and use-cases out of client bundles; tests are the server.
      "server-only": path.resolve(__dirname, "tests/helpers/server-only.ts"),
    },
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    // next-auth imports `next/server` without an extension, which only a bundler resolves.
    server: { deps: { inline: ["next-auth"] } },
    fileParallelism: !sharedServer,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: {
      NODE_ENV: "test",
      DATA_DIR: "memory://",
      INGEST_ON_START: "0",
      LOG_SIGN_IN_LINKS: "1",
      // Every test file searches from one client address; tests/integration/request-limits.test.ts sets the limits it tests.
      SEARCH_RATE_LIMIT: "100000",
      SUGGEST_RATE_LIMIT: "100000",
    },
  },
});
