import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { env } from "@/server/env";

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return hashPool().run({ op: "hash", password, against: env().BCRYPT_COST }) as Promise<string>;
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return hashPool().run({ op: "compare", password, against: hash }) as Promise<boolean>;
}

// A hash to compare against when the email is unknown, so a wrong email costs as long as a wrong password.
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword("decoy-password-for-timing");
  return decoyHash;
}

/**
 * bcrypt is deliberately slow (a quarter of a second at cost 12), so it runs on worker threads: forty sign-ins or Web
 * Connector authenticates at once then wait for each other, not every other request of the server. The worker's source
 * is inline so no bundler has to find a separate file; "bcryptjs" resolves from the app's folder, as the rest does.
 */
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const bcrypt = require("bcryptjs");
parentPort.on("message", ({ id, op, password, against }) => {
  try {
    const result = op === "hash" ? bcrypt.hashSync(password, against) : bcrypt.compareSync(password, against);
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});`;

interface HashTask {
  op: "hash" | "compare";
  password: string;
  against: string | number;
}

interface PooledWorker {
  worker: Worker;
  pending: Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>;
}

class HashPool {
  readonly #workers: PooledWorker[] = [];
  #nextId = 1;

  constructor(size: number) {
    for (let i = 0; i < size; i++) this.#workers.push(this.#start());
  }

  run(task: HashTask): Promise<unknown> {
    // The least busy worker takes it; each works through its own queue in order.
    const pooled = this.#workers.reduce((least, each) => (each.pending.size < least.pending.size ? each : least));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      pooled.pending.set(id, { resolve, reject });
      pooled.worker.postMessage({ id, ...task });
    });
  }

  #start(): PooledWorker {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    // Idle workers must not keep a script or a test run alive.
    worker.unref();
    const pooled: PooledWorker = { worker, pending: new Map() };
    worker.on("message", ({ id, result, error }: { id: number; result?: unknown; error?: string }) => {
      const waiting = pooled.pending.get(id);
      pooled.pending.delete(id);
      if (!waiting) return;
      if (error !== undefined) waiting.reject(new Error(`Password hashing failed: ${error}`));
      else waiting.resolve(result);
    });
    worker.on("error", (error) => this.#replace(pooled, error));
    worker.on("exit", (code) => code !== 0 && this.#replace(pooled, new Error(`the hashing worker stopped (exit code ${code})`)));
    return pooled;
  }

  /** A worker that died fails what it held (each caller sees a sentence) and is replaced for the next ones. */
  #replace(pooled: PooledWorker, error: Error) {
    const index = this.#workers.indexOf(pooled);
    if (index < 0) return;
    for (const waiting of pooled.pending.values()) waiting.reject(new Error(`Password hashing failed: ${error.message}`));
    pooled.pending.clear();
    this.#workers[index] = this.#start();
  }
}

let pool: HashPool | undefined;

function hashPool(): HashPool {
  // One core stays with the server's own thread, which answers everyone else.
  pool ??= new HashPool(Math.max(1, Math.min(4, availableParallelism() - 1)));
  return pool;
}
