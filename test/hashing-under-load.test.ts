import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "./support/app-server";
import { authenticateStrings, callQbwc } from "./support/qbwc-client";
import { TEST_CONNECTOR, TEST_CONNECTOR_ENV } from "./support/web-connector-runs";

// Forty Web Connector authenticates at once, each checking a bcrypt hash, against the production server: the health
// check (any other request) is still answered at once, because hashing runs beside the server's thread, not on it.
let server: AppServer;

beforeAll(async () => {
  server = await startAppServer({ ...TEST_CONNECTOR_ENV, BCRYPT_COST: "10" });
});

afterAll(() => server?.stop());

describe("password hashing under load", () => {
  it("answers /api/health within 100 ms while forty authenticates are checked", async () => {
    // The first call of each route loads its code: not what is measured here.
    await (await fetch(`${server.url}/api/health`)).text();
    await callQbwc(`${server.url}/qbwc`, "serverVersion");
    await callQbwc(`${server.url}/qbwc`, "authenticate", { strUserName: TEST_CONNECTOR.username, strPassword: "not the password" });
    let hashing = true;
    const authenticates = Promise.all(
      Array.from({ length: 40 }, () => callQbwc(`${server.url}/qbwc`, "authenticate", { strUserName: TEST_CONNECTOR.username, strPassword: TEST_CONNECTOR.password })),
    ).finally(() => {
      hashing = false;
    });
    const latencies: number[] = [];
    await new Promise((resolve) => setTimeout(resolve, 50));
    while (hashing) {
      const started = performance.now();
      const health = await fetch(`${server.url}/api/health`);
      await health.text();
      expect(health.status).toBe(200);
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const replies = await authenticates;
    // Each one was checked: the password is right, so none is refused as a wrong user (nvu).
    expect(replies.every((reply) => authenticateStrings(reply)[1] !== "nvu")).toBe(true);
    expect(latencies.length).toBeGreaterThan(3);
    // Hashing on the server's own thread (bcryptjs in slices) kept each answer waiting a slice, some 60 ms, every time.
    const sorted = [...latencies].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(25);
    expect(sorted.at(-1)).toBeLessThan(100);
  });
});
