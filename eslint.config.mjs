import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";
import boundaries from "eslint-plugin-boundaries";

// The layers, and which way each may depend. Pages reach the server only through tRPC; the sync engine and the
// Web Connector service know each other only through the engine port (a type), composed at the /qbwc route.
const LAYERS = [
  { type: "page", pattern: "app/**/{page,layout,error,not-found}.tsx", mode: "file" },
  { type: "route", pattern: "app/**/*.ts", mode: "file" },
  { type: "trpc-server", pattern: "components/trpc/server.tsx", mode: "file" },
  { type: "components", pattern: "components", mode: "folder" },
  { type: "api", pattern: "server/api", mode: "folder" },
  { type: "live", pattern: "server/live", mode: "folder" },
  { type: "sync", pattern: "server/sync", mode: "folder" },
  { type: "qbwc-port", pattern: "server/qbwc/engine.ts", mode: "file" },
  { type: "qbwc", pattern: "server/qbwc", mode: "folder" },
  { type: "records", pattern: "server/records", mode: "folder" },
  { type: "auth", pattern: "server/auth", mode: "folder" },
  { type: "qbxml", pattern: "server/qbxml", mode: "folder" },
  { type: "startup", pattern: "{server/bootstrap.ts,instrumentation.ts}", mode: "file" },
  { type: "kernel", pattern: "server/*.ts", mode: "file" },
  { type: "db", pattern: "db", mode: "folder" },
  { type: "lib", pattern: "lib", mode: "folder" },
];

const BELOW = {
  page: ["components", "trpc-server", "lib"],
  route: ["api", "live", "sync", "qbwc", "qbwc-port", "records", "auth", "kernel", "db", "lib"],
  "trpc-server": ["components", "api", "lib"],
  components: ["components", "lib"],
  api: ["api", "sync", "qbwc", "qbwc-port", "records", "auth", "qbxml", "kernel", "db", "lib"],
  live: ["live", "db", "lib"],
  sync: ["sync", "records", "qbxml", "kernel", "db", "lib"],
  "qbwc-port": ["qbxml", "lib"],
  qbwc: ["qbwc", "qbwc-port", "auth", "qbxml", "kernel", "db", "lib"],
  records: ["records", "qbxml", "kernel", "db", "lib"],
  auth: ["auth", "kernel", "db", "lib"],
  qbxml: ["qbxml", "lib"],
  startup: ["startup", "auth", "qbwc", "kernel", "db", "lib"],
  kernel: ["kernel", "db", "lib"],
  db: ["db", "lib"],
  lib: ["lib"],
};

const anyOf = (types) => ({ element: { types: { anyOf: types } } });

export default [
  { ignores: [".next/**", "node_modules/**", "test-results/**", "data/**", "next-env.d.ts", "db/migrations/**"] },
  ...nextVitals,
  ...nextTypeScript,
  {
    files: ["**/*.{ts,tsx,mjs}"],
    plugins: { boundaries },
    settings: {
      "import/resolver": { typescript: { project: "./tsconfig.json" } },
      "boundaries/include": ["app/**", "components/**", "server/**", "db/**", "lib/**", "instrumentation.ts"],
      "boundaries/elements": LAYERS,
    },
    rules: {
      "import/no-cycle": ["error", { ignoreExternal: true }],
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
              allow: { to: anyOf(["api", "sync", "records", "qbwc", "qbwc-port", "auth", "qbxml", "kernel", "db"]), dependency: { kind: "type" } },
            },
          ],
        },
      ],
    },
  },
  {
    files: ["test/**", "scripts/**"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
];
