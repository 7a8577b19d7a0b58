/**
 * The drain: each run looks up the exports whose fate is unknown, sends approved items to QuickBooks in batches
 * (parents before children) and applies QuickBooks' answers to them. The engine (server/sync/engine.ts) drives it.
 */
export { drainBatch, lookupBatch, probeQueue } from "./batch";
export { handleItemResponses } from "./answers";
export type { Batch, DrainContext } from "./context";
