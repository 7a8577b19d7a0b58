import { setTimeout as wait } from "node:timers/promises";
import { env } from "@/server/env";
import { syncEngine } from "@/server/sync/engine";
import type { QbwcEngine } from "./engine";

/** Everything the Web Connector service depends on, with the clock and the engine replaceable for tests. */
export interface QbwcOptions {
  engine: QbwcEngine;
  now: () => Date;
  /** How an authenticate after repeated failures is held back. */
  sleep: (ms: number) => Promise<void>;
  idleMinutes: number;
  maxBodyBytes: number;
  /** PUBLIC_URL from the environment; the public URL setting, when stored, wins over it. */
  envPublicUrl: string | undefined;
  /** Where the call came from, for throttling failed authenticates (server/qbwc/http.ts). */
  clientAddress: string;
}

export function qbwcOptions(overrides: Partial<QbwcOptions> = {}): QbwcOptions {
  const config = env();
  return {
    engine: syncEngine,
    now: () => new Date(),
    sleep: async (ms) => {
      await wait(ms);
    },
    idleMinutes: config.QBWC_SESSION_IDLE_MINUTES,
    maxBodyBytes: config.QBWC_MAX_BODY_BYTES,
    envPublicUrl: config.PUBLIC_URL,
    clientAddress: "direct",
    ...overrides,
  };
}
