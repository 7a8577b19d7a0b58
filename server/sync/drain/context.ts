import type { Queryable } from "@/db";
import type { QbxmlRequest } from "@/server/qbxml";
import type { EntityAdapter, EntityType } from "../entities";

/** One message for QuickBooks: its requests, and the sync items they are for (requestID = item id). */
export interface Batch {
  ids: number[];
  requests: QbxmlRequest[];
}

/** What the drain works in: one transaction of one Web Connector session. */
export interface DrainContext {
  db: Queryable;
  sessionId: number;
  now: Date;
  /** Each type's adapter under this run's field mapping (server/sync/policies.ts mappedAdapterSource). */
  adapter: (type: EntityType) => EntityAdapter;
}
