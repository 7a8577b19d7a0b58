import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, SERVER_BUNDLE, startAppServer, type AppServer } from "@/scripts/app-server";

let server: AppServer;
const LIMIT = 256 * 1024;
const SERVER_VERSION = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><serverVersion xmlns="http://developer.intuit.com/" /></soap:Body></soap:Envelope>`;
const SOAP_HEADERS = { "content-type": "text/xml; charset=utf-8", soapaction: '"http://developer.intuit.com/serverVersion"' };

/** Next's router marks every answer it gives as varying with its RSC headers. */
function answeredByNext(response: Response): boolean {
  return /\brsc\b/i.test(response.headers.get("vary") ?? "");
}

beforeAll(async () => {
  server = await startAppServer({
    ADMIN_EMAIL: "owner@example.com",
    ADMIN_PASSWORD: "a long enough password",
    QBWC_MAX_BODY_BYTES: String(LIMIT),
  });
});
afterAll(() => server?.stop());

describe("the production server", () => {
  it("reports healthy when the database answers", async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it("creates the admin from ADMIN_EMAIL and ADMIN_PASSWORD, so sign-in is offered instead of setup", async () => {
    const response = await fetch(`${server.url}/setup`, { redirect: "manual" });
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toMatch(/\/login$/);
  });

  it("sends a visitor without a session to the sign-in page", async () => {
    const response = await fetch(`${server.url}/customers`, { redirect: "manual" });
    expect(response.headers.get("location")).toMatch(/\/login$/);
  });

  it("answers tRPC calls without a session with 401", async () => {
    const response = await fetch(`${server.url}/api/trpc/customers.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`);
    expect(response.status).toBe(401);
    expect(JSON.stringify(await response.json())).toContain("Sign in to continue.");
  });

  it("serves the Web Connector WSDL at /qbwc?wsdl with this server's address", async () => {
    const response = await fetch(`${server.url}/qbwc?wsdl`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/xml; charset=utf-8");
    const wsdl = await response.text();
    expect(wsdl).toContain(`location="${server.url}/qbwc"`);
    expect(wsdl).toContain('targetNamespace="http://developer.intuit.com/"');
  });

  it("answers a Web Connector serverVersion call over SOAP without a browser session", async () => {
    const response = await fetch(`${server.url}/qbwc`, {
      method: "POST",
      headers: SOAP_HEADERS,
      body: SERVER_VERSION,
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/<serverVersionResult>[^<]+<\/serverVersionResult>/);
  });

  it("answers /qbwc (with or without a query) itself, before Next's router, and hands every other path to Next", async () => {
    const wsdl = await fetch(`${server.url}/qbwc?wsdl`);
    expect(wsdl.status).toBe(200);
    expect(answeredByNext(wsdl)).toBe(false);
    for (const target of ["/qbwc", "/qbwc?source=office"]) {
      const call = await fetch(`${server.url}${target}`, { method: "POST", headers: SOAP_HEADERS, body: SERVER_VERSION });
      expect(call.status).toBe(200);
      expect(call.headers.get("content-type")).toBe("text/xml; charset=utf-8");
      expect(await call.text()).toContain("<serverVersionResult>");
      expect(answeredByNext(call)).toBe(false);
    }
    // The same port serves Next's routes and pages, marked as Next's.
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(answeredByNext(health)).toBe(true);
    const page = await fetch(`${server.url}/support`);
    expect(page.status).toBe(200);
    expect(answeredByNext(page)).toBe(true);
    // Only the exact path is the endpoint's.
    const other = await fetch(`${server.url}/qbwcx`);
    expect(other.status).toBe(404);
    expect(answeredByNext(other)).toBe(true);
  });

  it("refuses a /qbwc body over the limit before reading it all, streamed or announced, and serves the next call", async () => {
    const fault = /<faultstring>The request is larger than 256 KB, the most Ledgerbridge accepts\./;
    const large = `${SERVER_VERSION}${" ".repeat(LIMIT)}`;
    const announced = await fetch(`${server.url}/qbwc`, { method: "POST", headers: SOAP_HEADERS, body: large });
    expect(announced.status).toBe(500);
    expect(await announced.text()).toMatch(fault);
    const chunk = new TextEncoder().encode(" ".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await fetch(`${server.url}/qbwc`, {
      method: "POST",
      headers: SOAP_HEADERS,
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(500);
    expect(await streamed.text()).toMatch(fault);
    const next = await fetch(`${server.url}/qbwc`, { method: "POST", headers: SOAP_HEADERS, body: SERVER_VERSION });
    expect(next.status).toBe(200);
  });

  it("serves the support page the .qwc names without asking anyone to sign in (QBWC needs a 200)", async () => {
    const response = await fetch(`${server.url}/support`, { redirect: "manual" });
    expect(response.status).toBe(200);
  });

  it("shows a 404 page for an unknown route, without a stack trace", async () => {
    const response = await fetch(`${server.url}/no/such/page`);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain("This page does not exist");
    expect(html).not.toMatch(/at .*\.js:\d+/);
  });
});

describe("start-up with a database that cannot be opened", () => {
  it("stops with one line naming DATABASE_URL and the cause", async () => {
    const root = path.resolve(__dirname, "..");
    const result = spawnSync(process.execPath, [SERVER_BUNDLE], {
      cwd: root,
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, NODE_ENV: "production", PORT: String(await freePort()), DATABASE_URL: "file:/etc/hostname/ledgerbridge.db" },
    });
    expect(result.status).toBe(1);
    const lines = (result.stderr + result.stdout).split("\n").filter((line) => line.includes("DATABASE_URL"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("DATABASE_URL=file:/etc/hostname/ledgerbridge.db");
  });

  it.skipIf(process.getuid?.() !== 0)(
    "stops with one line, in words and without the failed statement, when the file is read-only",
    async () => {
      const root = path.resolve(__dirname, "..");
      const folder = mkdtempSync(path.join(tmpdir(), "ledgerbridge-readonly-"));
      const file = path.join(folder, "app.db");
      // An empty database file nothing can write to (the immutable flag holds for root too).
      writeFileSync(file, "");
      execFileSync("chattr", ["+i", file]);
      try {
        const result = spawnSync(process.execPath, [SERVER_BUNDLE], {
          cwd: root,
          encoding: "utf8",
          timeout: 60_000,
          env: { ...process.env, NODE_ENV: "production", PORT: String(await freePort()), DATABASE_URL: `file:${file}` },
        });
        expect(result.status).toBe(1);
        const output = result.stderr + result.stdout;
        const lines = output.split("\n").filter((line) => line.includes("Ledgerbridge cannot start"));
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(
          /could not be opened or migrated: The database (refused the write: its file is read-only|could not write to its file)/,
        );
        expect(output).not.toMatch(/params:|auth\.secret/);
      } finally {
        execFileSync("chattr", ["-i", file]);
      }
    },
  );
});
