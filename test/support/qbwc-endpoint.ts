import { afterAll, beforeAll, beforeEach } from "vitest";
import type { Database } from "@/db";
import { setQbwcCredentials } from "@/server/qbwc/credentials";
import type { QbwcEngine } from "@/server/qbwc/engine";
import { handleQbwcHttp } from "@/server/qbwc/http";
import type { QbwcOptions } from "@/server/qbwc/options";
import { createTestDatabase } from "./database";
import { serveFetchHandler, type FetchServer } from "./fetch-server";
import { handshakeOnlyEngine } from "./qbwc-engine";

/** What the Web Connector signs in with; useQbwcEndpoint stores them. */
export const QBWC_USERNAME = "office-pc";
export const QBWC_PASSWORD = "correct horse battery";

export interface QbwcEndpoint {
  /** The test file's database: migrated, with the Web Connector's credentials set. */
  readonly db: Database;
  /** Where the Web Connector posts: http://127.0.0.1:<port>/qbwc. */
  readonly url: string;
  /** The engine the endpoint calls; a test may swap it, and the next test starts with the file's engine again. */
  engine: QbwcEngine;
}

/**
 * One fresh database and the real Web Connector endpoint on a free port for a whole test file, ready in its tests
 * (not at import). `options` reach the endpoint as they are: a clock, a sleep, a body limit, the engine each test
 * starts with (the handshake-only one unless given).
 */
export function useQbwcEndpoint(options: Partial<QbwcOptions> = {}): QbwcEndpoint {
  const { engine: fileEngine = handshakeOnlyEngine, ...overrides } = options;
  let db: Database;
  let server: FetchServer;
  const endpoint = {
    get db() {
      return db;
    },
    get url() {
      return `${server.url}/qbwc`;
    },
    engine: fileEngine,
  };
  beforeAll(async () => {
    db = await createTestDatabase();
    await setQbwcCredentials(db, { username: QBWC_USERNAME, password: QBWC_PASSWORD });
    server = await serveFetchHandler((request) => handleQbwcHttp(db, request, { ...overrides, engine: endpoint.engine }));
  });
  afterAll(() => server.close());
  beforeEach(() => {
    endpoint.engine = fileEngine;
  });
  return endpoint;
}
