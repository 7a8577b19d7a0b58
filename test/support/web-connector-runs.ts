import { expect } from "vitest";
import { SimulatedWebConnector, type SessionLog, type SimulatedCompany } from "@/scripts/simulator";

/** The Web Connector user a test's server is started with (QBWC_USERNAME / QBWC_PASSWORD). */
export const TEST_CONNECTOR = { username: "office-pc", password: "web connector secret" } as const;

/** The server environment that stores TEST_CONNECTOR's credentials at start. */
export const TEST_CONNECTOR_ENV = { QBWC_USERNAME: TEST_CONNECTOR.username, QBWC_PASSWORD: TEST_CONNECTOR.password };

/**
 * One Web Connector session over real SOAP against the server at `baseUrl`, with `company` as QuickBooks,
 * as pressing Update Selected runs it; fails the test unless the session completed (or had nothing to do).
 */
export async function runWebConnector(baseUrl: string, company: SimulatedCompany): Promise<SessionLog> {
  const connector = new SimulatedWebConnector({ url: `${baseUrl}/qbwc`, ...TEST_CONNECTOR, company, noOpDelayMs: 0 });
  const log = await connector.run();
  expect(log.error ?? null, "the session's protocol error").toBeNull();
  expect(["completed", "nothing-to-do"]).toContain(log.outcome);
  return log;
}
