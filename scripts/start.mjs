// `npm start`: build when the sources are newer than the last build, then serve on PORT (default 3000).
// `node scripts/start.mjs --build-only` stops after the build.
// The build is Next's (`next build`) plus our server's entry (server/serve.ts) bundled into SERVER_BUNDLE: a plain
// Node HTTP server that answers the Web Connector at /qbwc itself and hands every other request to Next.
// Migrations run inside the server at start (server/bootstrap.ts, before it listens; instrumentation.ts under
// `next dev`), so every way of starting it migrates. Other arguments (--hostname H) reach the server.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const buildId = path.join(root, ".next", "BUILD_ID");
const SERVER_BUNDLE = path.join(root, ".next", "ledgerbridge", "server.cjs");
const SOURCES = [
  "app",
  "components",
  "server",
  "db",
  "public",
  "instrumentation.ts",
  "lib",
  "next.config.mjs",
  "package-lock.json",
  "postcss.config.mjs",
  "tsconfig.json",
];

function newestChange(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestChange(path.join(target, entry)));
  return newest;
}

const builtAt = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);
const sourcesChangedAt = Math.max(...SOURCES.map((name) => newestChange(path.join(root, name))));
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

if (sourcesChangedAt > builtAt(buildId)) {
  console.log(builtAt(buildId) ? "Sources changed since the last build; building…" : "No build yet; building (takes a minute or two)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// `next build` empties .next, so a fresh Next build always gets a fresh server bundle.
if (sourcesChangedAt > builtAt(SERVER_BUNDLE) || builtAt(buildId) > builtAt(SERVER_BUNDLE)) await bundleServer();

// Test setup builds once before starting several servers side by side.
if (process.argv.includes("--build-only")) process.exit(0);

const server = spawn(process.execPath, [SERVER_BUNDLE, ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

/**
 * server/serve.ts and what it imports, as one CommonJS file for plain node: `@/` paths resolved from tsconfig.json,
 * `server-only` bundled as its react-server (empty) module, every other dependency loaded from node_modules.
 */
async function bundleServer() {
  const { build } = await import("esbuild");
  const deps = Object.keys(JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).dependencies ?? {}).filter(
    (name) => name !== "server-only",
  );
  await build({
    absWorkingDir: root,
    entryPoints: [path.join(root, "server", "serve.ts")],
    outfile: SERVER_BUNDLE,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    conditions: ["react-server"],
    tsconfig: path.join(root, "tsconfig.json"),
    external: deps.flatMap((name) => [name, `${name}/*`]),
    logLevel: "warning",
  });
}
