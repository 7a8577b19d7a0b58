import { fork, type ChildProcess } from "node:child_process";
import { SimulatedCompany } from "./company";
import type { SeedCounts } from "./seed";

/**
 * A SimulatedCompany in a process of its own, answering over IPC: the benchmark measures the memory of
 * Ledgerbridge's engine, and a company of 100,000 customers held in the same process would count as its memory.
 */
export interface CompanyProcess {
  handle(request: string): Promise<string>;
  endSession(): Promise<void>;
  count(kind: "Customer"): Promise<number>;
  stop(): void;
}

type Call = { id: number; method: "handle" | "endSession" | "count"; arg?: string };
type Answer = { id: number; value?: string | number; error?: string };

const CHILD_FLAG = "LEDGERBRIDGE_COMPANY_PROCESS";

export async function startCompanyProcess(counts: SeedCounts): Promise<CompanyProcess> {
  const child = fork(__filename, [], { env: { ...process.env, [CHILD_FLAG]: JSON.stringify(counts) }, execArgv: ["--import", "tsx"] });
  const waiting = new Map<number, { resolve: (value: Answer["value"]) => void; reject: (error: Error) => void }>();
  let next = 0;
  child.on("message", (message: Answer | "ready") => {
    if (message === "ready") return;
    const call = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.error !== undefined) call?.reject(new Error(message.error));
    else call?.resolve(message.value);
  });
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`The simulated company stopped before it was ready (exit ${code}).`)));
  });
  const call = (method: Call["method"], arg?: string) =>
    new Promise<Answer["value"]>((resolve, reject) => {
      next += 1;
      waiting.set(next, { resolve, reject });
      (child as ChildProcess).send({ id: next, method, arg } satisfies Call);
    });
  return {
    handle: async (request) => String(await call("handle", request)),
    endSession: async () => void (await call("endSession")),
    count: async (kind) => Number(await call("count", kind)),
    stop: () => child.kill(),
  };
}

function serve(counts: SeedCounts) {
  const company = SimulatedCompany.seed(counts);
  process.on("message", (message: Call) => {
    try {
      const value =
        message.method === "handle"
          ? company.handle(message.arg!)
          : message.method === "count"
            ? company.count("Customer")
            : (company.endSession(), undefined);
      process.send!({ id: message.id, value } satisfies Answer);
    } catch (error) {
      process.send!({ id: message.id, error: error instanceof Error ? error.message : String(error) } satisfies Answer);
    }
  });
  process.send!("ready");
}

if (process.env[CHILD_FLAG] && process.send) serve(JSON.parse(process.env[CHILD_FLAG]) as SeedCounts);
