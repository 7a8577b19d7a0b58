import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // Importing "server-only" outside Next.js throws by design; tests run server code directly.
      "server-only": path.resolve(root, "test/support/empty-module.ts"),
    },
  },
  test: {
    environment: "node",
    env: { BCRYPT_COST: "4" },
    testTimeout: 60_000,
    hookTimeout: 240_000,
    // Server tests each start a production server; keep file parallelism modest on 2 cores.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: "services", include: ["test/**/*.test.ts"], exclude: ["test/e2e/**"], sequence: { groupOrder: 0 } } },
      // The browser walks run after the rest, one file at a time: a production server and Chromium each, and
      // their 20-second steps, do not share two cores with anything else.
      { extends: true, test: { name: "browser", include: ["test/e2e/**/*.test.ts"], fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
