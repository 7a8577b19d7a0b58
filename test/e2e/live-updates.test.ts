import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/db";
import { contactInput, createContact } from "@/server/records/contacts";
import { startAppServer, type AppServer } from "@/scripts/app-server";
import { SimulatedCompany } from "@/scripts/simulator";
import { createFirstAdmin, launchBrowser, openPage, screenshot, visit } from "../support/browser";
import { runWebConnector, TEST_CONNECTOR_ENV } from "../support/web-connector-runs";

// Two people in the office, each with Ledgerbridge open, and the Web Connector running on the QuickBooks PC:
// what one page shows follows what happens elsewhere within two seconds, without anyone reloading.
let server: AppServer;
let browser: Browser;
let otherBrowser: Browser;
let office: Page;
let manager: Page;

const ADMIN = { name: "Dana Whitfield", email: "dana@greenleaf.example", password: "correct horse battery staple" };
const LIVE_WITHIN_MS = 2_000;

const quickBooks = new SimulatedCompany({ starterLists: false });
for (const name of ["Harbor View Dental", "Oak Hill Farm", "Riverside Bakery"]) quickBooks.addCustomer({ Name: name });

beforeAll(async () => {
  [server, browser, otherBrowser] = await Promise.all([startAppServer(TEST_CONNECTOR_ENV), launchBrowser(), launchBrowser()]);
  office = await openPage(browser);
  await createFirstAdmin(office, server.url, ADMIN);
  // A second browser on another desk, signed in by itself.
  manager = await openPage(otherBrowser);
  await visit(manager, server.url, "/login");
  await manager.getByLabel("Email").fill(ADMIN.email);
  await manager.getByLabel("Password").fill(ADMIN.password);
  await manager.getByRole("button", { name: "Sign in" }).click();
  await manager.getByRole("button", { name: "Sign out" }).waitFor();
});

beforeEach(({ task, onTestFailed }) =>
  onTestFailed(async () => {
    const name = task.name.slice(0, 40).replace(/\W+/g, "-");
    await screenshot(office, `live-office-${name}`);
    await screenshot(manager, `live-manager-${name}`);
  }),
);

afterAll(async () => {
  await Promise.all([browser?.close(), otherBrowser?.close()]);
  await server?.stop();
});

/** The header badge's words, which say how many changes wait for approval. */
const badgeOf = (page: Page) => page.getByRole("link", { name: /^Sync Wizard:/ }).getAttribute("aria-label");

/** The count on one of the Sync Report's tabs. */
const tabCount = (page: Page, tab: "Pending" | "Successful" | "Failed") =>
  page
    .getByRole("tab", { name: new RegExp(`^${tab}`) })
    .locator("span")
    .textContent();

describe("pages that follow what happens elsewhere", () => {
  it("raises both browsers' badges when a Web Connector run finds changes in QuickBooks", async () => {
    // The version is for signed-in pages only.
    expect((await fetch(`${server.url}/api/live`)).status).toBe(401);
    await Promise.all([visit(office, server.url, "/"), visit(manager, server.url, "/customers")]);
    expect(await badgeOf(manager)).toBe("Sync Wizard: nothing waits for approval");
    await runWebConnector(server.url, quickBooks);
    const options = { timeout: LIVE_WITHIN_MS, interval: 100 };
    await Promise.all([
      expect.poll(() => badgeOf(office), options).toBe("Sync Wizard: 3 changes wait for approval"),
      expect.poll(() => badgeOf(manager), options).toBe("Sync Wizard: 3 changes wait for approval"),
    ]);
  });

  it("drops the other browser's badge when one person approves", async () => {
    await visit(office, server.url, "/sync?section=import");
    await office.getByText(/^All 3/).waitFor();
    await office.getByRole("button", { name: "Approve Checked" }).click();
    const dialog = office.getByRole("dialog", { name: /^Approve 3/ });
    await dialog.getByRole("button", { name: /^Approve 3/ }).click();
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => badgeOf(manager), { timeout: LIVE_WITHIN_MS, interval: 100 }).toBe("Sync Wizard: nothing waits for approval");
  });

  it("moves the Sync Report's counts and rows as a run completes while it is open", async () => {
    await visit(manager, server.url, "/reports/sync");
    const pendingRows = manager.getByRole("table", { name: "Pending syncs" }).getByRole("row");
    await expect.poll(() => pendingRows.count()).toBe(4);
    expect(await tabCount(manager, "Pending")).toBe("3");
    expect(await tabCount(manager, "Successful")).toBe("0");

    await runWebConnector(server.url, quickBooks);
    const options = { timeout: LIVE_WITHIN_MS, interval: 100 };
    await expect.poll(() => tabCount(manager, "Successful"), options).toBe("3");
    expect(await tabCount(manager, "Pending")).toBe("0");
    await expect.poll(() => manager.getByText("Nothing is pending.").isVisible(), options).toBe(true);
    expect(manager.url()).toBe(`${server.url}/reports/sync`);
  });

  it("lists a customer another instance of Ledgerbridge adds on the same database", async () => {
    await visit(manager, server.url, "/customers");
    await manager.getByRole("link", { name: "Riverside Bakery" }).waitFor();
    // Another instance of Ledgerbridge on the same database: its own connection, no browser involved.
    const elsewhere = openDatabase(server.databaseUrl);
    await createContact(elsewhere, "customer", contactInput.parse({ name: "Meadow Lane School" }), null);
    await expect
      .poll(() => manager.getByRole("link", { name: "Meadow Lane School" }).isVisible(), { timeout: LIVE_WITHIN_MS, interval: 100 })
      .toBe(true);
    elsewhere.$client.close();
  });
});
