import { setTimeout as wait } from "node:timers/promises";
import { env } from "@/server/env";
import type { QbwcEngine } from "./engine";

/**
 * Everything the Web Connector service depends on. The engine is the caller's to give (the route gives the sync
 * engine, tests their own); the clock and the rest are replaceable for tests.
 */
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

export type QbwcOptionsInput = Partial<QbwcOptions> & Pick<QbwcOptions, "engine">;

export function qbwcOptions(input: QbwcOptionsInput): QbwcOptions {
  const config = env();
  return {
    now: () => new Date(),
    sleep: async (ms) => {
      await wait(ms);
    },
    idleMinutes: config.QBWC_SESSION_IDLE_MINUTES,
    maxBodyBytes: config.QBWC_MAX_BODY_BYTES,
    envPublicUrl: config.PUBLIC_URL,
    clientAddress: "direct",
    ...input,
  };
}
