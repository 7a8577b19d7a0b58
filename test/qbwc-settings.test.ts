import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import type { SessionUser } from "@/lib/roles";
import { ensureQbwcCredentialsFromEnv, verifyQbwcCredentials } from "@/server/qbwc/credentials";
import { buildQwcFile } from "@/server/qbwc/qwc";
import { callerFor, createTestUser } from "./support/callers";
import { createTestDatabase } from "./support/database";
import { parseXml } from "./support/qbwc-client";

const SAMPLE_QWC = readFileSync(path.resolve(__dirname, "..", "..", "shared", "reference", "qbwc", "sample.qwc"), "utf8");

let db: Database;
let admin: SessionUser;
let staff: SessionUser;

beforeAll(async () => {
  db = await createTestDatabase();
  admin = await createTestUser(db, "admin");
  staff = await createTestUser(db, "staff");
});

function qwcFields(xml: string): Record<string, string> {
  const root = parseXml(xml).documentElement;
  const fields: Record<string, string> = {};
  for (const element of Array.from(root.getElementsByTagName("*"))) {
    if (element.children.length === 0) fields[element.tagName] = element.textContent ?? "";
  }
  return fields;
}

describe("the Web Connector credentials", () => {
  it("are set by an admin and read back as the user name only", async () => {
    const caller = callerFor(db, admin);
    expect(await caller.settings.qbwc.getCredentials()).toEqual({ username: null });
    await caller.settings.qbwc.setCredentials({ username: " office-pc ", password: "correct horse battery" });
    expect(await caller.settings.qbwc.getCredentials()).toEqual({ username: "office-pc" });
    expect(await verifyQbwcCredentials(db, "office-pc", "correct horse battery")).toBe(true);
    expect(await verifyQbwcCredentials(db, "Office-PC", "correct horse battery")).toBe(false);
  });

  it("refuse staff and short passwords", async () => {
    await expect(callerFor(db, staff).settings.qbwc.getCredentials()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(db, admin).settings.qbwc.setCredentials({ username: "office-pc", password: "short" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("come from QBWC_USERNAME/QBWC_PASSWORD only while none are stored", async () => {
    const fresh = await createTestDatabase();
    expect(await ensureQbwcCredentialsFromEnv(fresh, "from-env", "env password 123")).toBe(true);
    expect(await ensureQbwcCredentialsFromEnv(fresh, "other", "other password 123")).toBe(false);
    expect(await verifyQbwcCredentials(fresh, "from-env", "env password 123")).toBe(true);
  });
});

describe("the .qwc file", () => {
  it("is refused with a sentence saying what to set while there is no public URL", async () => {
    const fresh = await createTestDatabase();
    await expect(buildQwcFile(fresh, undefined)).rejects.toThrow(/^Set the public URL first: the https:\/\/ address/);
  });

  it("is refused for an address QBWC would reject: plain http on a real host, or an IP address", async () => {
    await expect(buildQwcFile(db, "http://books.example.test")).rejects.toThrow(
      "The Web Connector only accepts https:// addresses, except http://localhost for testing. Serve Ledgerbridge over HTTPS and use https://books.example.test.",
    );
    await expect(buildQwcFile(db, "https://192.168.1.20:3000")).rejects.toThrow(
      "The Web Connector does not accept an IP address (192.168.1.20) in the URL. Use a host name such as https://sync.example.com, or http://localhost on the QuickBooks computer itself.",
    );
    await expect(buildQwcFile(db, "https://[::1]/")).rejects.toThrow(/does not accept an IP address \(::1\)/);
    await expect(callerFor(db, admin).settings.qbwc.setPublicUrl({ publicUrl: "http://10.0.0.5" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("IP address (10.0.0.5)"),
    });
  });

  it("is refused while no Web Connector user is set", async () => {
    const fresh = await createTestDatabase();
    await expect(buildQwcFile(fresh, "https://books.example.test")).rejects.toThrow(
      "Set the Web Connector user name and password first (Settings → Web Connector).",
    );
  });

  it("carries our URLs, user, schedule and braced GUIDs that stay the same on every download", async () => {
    const caller = callerFor(db, admin);
    await caller.settings.qbwc.setPublicUrl({ publicUrl: "https://books.example.test/" });
    await caller.settings.qbwc.setSchedule({ runEveryNMinutes: 15 });
    const first = await buildQwcFile(db, "https://ignored-env.example.test");
    const fields = qwcFields(first);
    expect(fields).toMatchObject({
      AppName: "Ledgerbridge",
      AppID: "",
      AppURL: "https://books.example.test/qbwc",
      AppSupport: "https://books.example.test/support",
      UserName: "office-pc",
      QBType: "QBFS",
      RunEveryNMinutes: "15",
      IsReadOnly: "false",
    });
    expect(fields.AppDescription!.length).toBeLessThanOrEqual(80);
    expect(fields.OwnerID).toMatch(/^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/);
    expect(fields.FileID).toMatch(/^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/);
    expect(fields.FileID).not.toBe(fields.OwnerID);
    expect(first).toContain("<AppID></AppID>");
    expect(await buildQwcFile(db, undefined)).toBe(first);

    // Every element of Intuit-style files that QBWC requires is there, under the same root.
    const required = ["AppName", "AppID", "AppURL", "AppDescription", "AppSupport", "UserName", "OwnerID", "FileID", "QBType"];
    expect(Object.keys(qwcFields(SAMPLE_QWC))).toEqual(expect.arrayContaining(required));
    expect(Object.keys(fields)).toEqual(expect.arrayContaining(required));
    expect(parseXml(first).documentElement.tagName).toBe(parseXml(SAMPLE_QWC).documentElement.tagName);
  });

  it("accepts plain http on localhost for a test on the QuickBooks computer", async () => {
    await callerFor(db, admin).settings.qbwc.setPublicUrl({ publicUrl: null });
    expect(qwcFields(await buildQwcFile(db, "http://localhost:3000")).AppURL).toBe("http://localhost:3000/qbwc");
  });

  it("is described to the settings page with the URLs, the schedule and what is missing", async () => {
    const caller = callerFor(db, admin);
    await caller.settings.qbwc.setPublicUrl({ publicUrl: "https://books.example.test" });
    expect(await caller.settings.qbwc.getConnection()).toEqual({
      publicUrl: "https://books.example.test",
      publicUrlSource: "setting",
      appUrl: "https://books.example.test/qbwc",
      supportUrl: "https://books.example.test/support",
      runEveryNMinutes: 15,
      qwcProblem: null,
    });
  });

  it("schedules runs between once a minute and once a day", async () => {
    const caller = callerFor(db, admin);
    await expect(caller.settings.qbwc.setSchedule({ runEveryNMinutes: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.settings.qbwc.setSchedule({ runEveryNMinutes: 1441 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await caller.settings.qbwc.setSchedule({ runEveryNMinutes: 1440 })).toEqual({ runEveryNMinutes: 1440 });
    await expect(callerFor(db, staff).settings.qbwc.setSchedule({ runEveryNMinutes: 5 })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
