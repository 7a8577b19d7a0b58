import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");
/** The production server `npm start` serves (scripts/start.mjs builds it from server/serve.ts). */
export const SERVER_BUNDLE = path.join(ROOT, ".next", "ledgerbridge", "server.cjs");

export interface AppServer {
  url: string;
  databaseUrl: string;
  /** The serving process: the built server itself, which answers /qbwc and runs Next in the same process. */
  pid: number;
  output: () => string;
  stop: () => Promise<void>;
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * Starts the production server (built by the global setup) on a free port with its own database file,
 * exactly as `npm start` would serve it, and waits until it answers.
 */
export async function startAppServer(env: Record<string, string> = {}): Promise<AppServer> {
  await ensureBuilt();
  const port = await freePort();
  const folder = mkdtempSync(path.join(tmpdir(), "ledgerbridge-server-"));
  const databaseUrl = env.DATABASE_URL ?? `file:${path.join(folder, "app.db")}`;
  let output = "";
  // What `npm start` spawns once it has built, started here directly so the child is the serving process.
  const child: ChildProcess = spawn(process.execPath, [SERVER_BUNDLE, "--hostname", "127.0.0.1"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      BCRYPT_COST: "4",
      ...env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(`${url}/api/health`, child, () => output);
  return {
    url,
    databaseUrl,
    pid: child.pid!,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

async function waitUntilAnswering(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with code ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The server did not answer within a minute:\n${output()}`);
}

const BUILD_LOCK = path.join(ROOT, ".next-build.lock");

/**
 * Builds the production app when the sources changed since the last build. Test files run in parallel
 * processes, so a lock folder makes the first one build while the others wait for it.
 */
async function ensureBuilt() {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch {
      const age = Date.now() - (statSafe(BUILD_LOCK) ?? Date.now());
      if (age > 10 * 60_000) rmSync(BUILD_LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error("Waited ten minutes for another test's build to finish.");
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    const result = spawnSync(process.execPath, [path.join(ROOT, "scripts", "start.mjs"), "--build-only"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, NODE_ENV: "production" },
    });
    if (result.status !== 0) throw new Error(`The production build failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

function statSafe(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}
