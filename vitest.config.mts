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
    include: ["test/**/*.test.ts"],
    environment: "node",
    env: { BCRYPT_COST: "4" },
    testTimeout: 60_000,
    hookTimeout: 240_000,
    // Browser and server tests each start a production server; keep file parallelism modest on 2 cores.
    maxWorkers: 2,
  },
});
