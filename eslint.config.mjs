import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";
import boundaries from "eslint-plugin-boundaries";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";

// The layers, and which way each may depend. Pages reach the server only through tRPC; the sync engine and the
// Web Connector service know each other only through the engine port (a type), composed at the /qbwc route and in
// the production server's entry.
const LAYERS = [
  { type: "page", pattern: "app/**/{page,layout,error,not-found}.tsx", mode: "file" },
  { type: "route", pattern: "app/**/*.ts", mode: "file" },
  { type: "trpc-server", pattern: "components/trpc/server.tsx", mode: "file" },
  { type: "components", pattern: "components" },
  { type: "api", pattern: "server/api" },
  { type: "live", pattern: "server/live" },
  { type: "sync", pattern: "server/sync" },
  { type: "qbwc-port", pattern: "server/qbwc/engine.ts", mode: "file" },
  { type: "qbwc", pattern: "server/qbwc" },
  { type: "records", pattern: "server/records" },
  { type: "auth", pattern: "server/auth" },
  { type: "qbxml", pattern: "server/qbxml" },
  { type: "startup", pattern: "{server/bootstrap.ts,instrumentation.ts}", mode: "file" },
  // The production server's entry (npm start): composes the /qbwc endpoint with the engine, as the route does.
  { type: "server-entry", pattern: "server/serve.ts", mode: "file" },
  { type: "env", pattern: "server/env.ts", mode: "file" },
  { type: "kernel", pattern: "server/*.ts", mode: "file" },
  { type: "db", pattern: "db" },
  { type: "lib", pattern: "lib" },
];

const BELOW = {
  page: ["components", "trpc-server", "lib"],
  route: ["route", "api", "live", "sync", "qbwc", "qbwc-port", "records", "auth", "kernel", "env", "db", "lib"],
  "trpc-server": ["components", "api", "lib"],
  components: ["components", "lib"],
  api: ["api", "sync", "qbwc", "qbwc-port", "records", "auth", "qbxml", "kernel", "env", "db", "lib"],
  live: ["live", "db", "lib"],
  sync: ["sync", "records", "qbxml", "kernel", "env", "db", "lib"],
  // The port is types only: what the engine is given and answers.
  "qbwc-port": ["qbwc", "qbxml", "db", "lib"],
  qbwc: ["qbwc", "qbwc-port", "auth", "qbxml", "kernel", "env", "db", "lib"],
  records: ["records", "qbxml", "kernel", "env", "db", "lib"],
  auth: ["auth", "kernel", "env", "db", "lib"],
  qbxml: ["qbxml", "lib"],
  startup: ["startup", "auth", "qbwc", "kernel", "env", "db", "lib"],
  "server-entry": ["startup", "api", "live", "sync", "qbwc", "qbwc-port", "records", "auth", "kernel", "env", "db", "lib"],
  kernel: ["kernel", "env", "db", "lib"],
  env: ["lib"],
  db: ["db", "env", "lib"],
  lib: ["lib"],
};

const anyOf = (types) => ({ element: { types: { anyOf: types } } });

const config = [
  { ignores: [".next/**", "node_modules/**", "test-results/**", "data/**", "next-env.d.ts", "db/migrations/**"] },
  ...nextVitals,
  ...nextTypeScript,
  {
    files: ["**/*.{ts,tsx,mjs}"],
    plugins: { boundaries, "import-x": importX },
    settings: {
      "import/resolver": { typescript: { project: "./tsconfig.json" } },
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "./tsconfig.json" })],
      "import-x/extensions": [".ts", ".tsx", ".mjs", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
      "boundaries/include": ["app/**", "components/**", "server/**", "db/**", "lib/**", "instrumentation.ts"],
      "boundaries/elements": LAYERS,
    },
    rules: {
      // import-x's cycle check: the same rule as eslint-plugin-import's, a fraction of a second here against a minute.
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "boundaries/dependencies": [
        "error",
        {
          default: "disallow",
          policies: [
            ...Object.entries(BELOW).map(([type, below]) => ({ from: { element: { type } }, allow: { to: anyOf(below) } })),
            // The engine implements the Web Connector's port; pages may name the server's types (erased at build).
            { from: { element: { type: "sync" } }, allow: { to: anyOf(["qbwc-port"]), dependency: { kind: "type" } } },
            {
              from: anyOf(["page", "components"]),
              allow: {
                to: anyOf(["api", "sync", "records", "qbwc", "qbwc-port", "auth", "qbxml", "kernel", "db"]),
                dependency: { kind: "type" },
              },
            },
          ],
        },
      ],
    },
  },
  {
    rules: {
      // A leading underscore names what is unused on purpose (a parameter an interface asks for).
      "@typescript-eslint/no-unused-vars": [
        "warn",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  {
    // Tests and scripts have no React: their helpers named use… are not hooks.
    files: ["test/**", "scripts/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
];

export default config;
