import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "@/scripts/app-server";
import { SimulatedCompany } from "@/scripts/simulator";
import { createCustomerInApp, createFirstAdmin, launchBrowser, openPage, screenshot, visit as visitPage } from "../support/browser";
import { runWebConnector, TEST_CONNECTOR_ENV } from "../support/web-connector-runs";

// "Did it reach QuickBooks?", answered on the record itself: one customer's page followed from the day it is
// entered to the day it is in QuickBooks, through approval, a refusal and its fix; the list filters by the same.
let server: AppServer;
let browser: Browser;
let page: Page;
let customerPath: string;

const ADMIN = { name: "Dana Whitfield", email: "dana@greenleaf.example", password: "correct horse battery staple" };
const quickBooks = new SimulatedCompany({ starterLists: false });

beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(TEST_CONNECTOR_ENV), launchBrowser()]);
  page = await openPage(browser);
  await createFirstAdmin(page, server.url, ADMIN);
  // The first run reads the empty company file, which opens exports.
  await runWebConnector(server.url, quickBooks);
});

beforeEach(({ task, onTestFailed }) =>
  onTestFailed(() => screenshot(page, `record-status-failed-${task.name.slice(0, 40).replace(/\W+/g, "-")}`)),
);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const visit = (target: string) => visitPage(page, server.url, target);
const panel = () => page.getByRole("region", { name: "QuickBooks", exact: true });
const statusText = () => panel().textContent();

describe("a customer's page says where it stands with QuickBooks", () => {
  it("says a new customer is not in QuickBooks yet", async () => {
    customerPath = await createCustomerInApp(page, server.url, { name: "Oak Hill Farm", phone: "919-555-0100" });
    await expect.poll(statusText).toContain("Not in QuickBooks yet: the next Web Connector run offers it");
    expect(await panel().getByRole("button", { name: "Resync" }).count()).toBe(0);
  });

  it("says it waits for approval once found, then who approved it", async () => {
    await visit("/sync?section=export");
    await page.getByRole("button", { name: "Find local changes now" }).click();
    await page.getByText(/^All 1/).waitFor();
    await visit(customerPath);
    await expect.poll(statusText).toContain("A change to QuickBooks waits for approval in the Sync Wizard.");

    await panel().getByRole("link", { name: "Open the Sync Wizard" }).click();
    await page.getByText(/^All 1/).waitFor();
    await page.getByRole("button", { name: "Approve Checked" }).click();
    const dialog = page.getByRole("dialog", { name: /^Approve 1/ });
    await dialog.getByRole("button", { name: /^Approve 1/ }).click();
    await dialog.waitFor({ state: "hidden" });
    await visit(customerPath);
    await expect.poll(statusText).toContain("Approved: the change to QuickBooks goes on the next Web Connector run.");
    expect(await statusText()).toContain(`Approved by ${ADMIN.name} on`);
  });

  it("turns to Failed with QuickBooks' code and what to do while the page is open, and the list filters by it", async () => {
    // Before the run, someone in the office adds a vendor of the same name in QuickBooks: one list of names there.
    quickBooks.addVendor({ Name: "Oak Hill Farm" });
    await runWebConnector(server.url, quickBooks);
    await expect.poll(statusText).toContain("QuickBooks refused the last change to QuickBooks.");
    expect(await statusText()).toContain("3100: Name already in use");
    expect(await statusText()).toContain('QuickBooks already has the name "Oak Hill Farm"');
    // The header's warning triangle came with it, without a reload.
    await page.getByRole("link", { name: "Unsynced Entities: 1 record failed to sync" }).waitFor({ timeout: 2_000 });

    await visit("/customers?sync=failed");
    expect(await page.getByRole("combobox", { name: "QuickBooks", exact: true }).inputValue()).toBe("failed");
    const rows = page.getByRole("table", { name: "Customers" }).getByRole("row");
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(1).textContent()).toContain("Failed");
    await page.getByRole("combobox", { name: "QuickBooks", exact: true }).selectOption("in_quickbooks");
    await page.getByText("No customers match this filter.").waitFor();
  });

  it("goes back to Pending on Resync after a rename, and shows its ListID once in QuickBooks", async () => {
    await visit(customerPath);
    await page.getByLabel("Name", { exact: true }).fill("Oak Hill Farm (Raleigh)");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Saved.").waitFor();
    await panel().getByRole("button", { name: "Resync" }).click();
    await expect.poll(statusText).toContain("Sent back to Pending");
    await expect.poll(statusText).toContain("goes on the next Web Connector run");

    await runWebConnector(server.url, quickBooks);
    const listId = quickBooks.find("Customer", "Oak Hill Farm (Raleigh)")!.ListID as string;
    await expect.poll(statusText).toContain("This customer is in QuickBooks, and nothing about it is waiting to sync.");
    expect(await statusText()).toContain(`QuickBooks ID ${listId}, last synced`);
    await screenshot(page, "record-status-in-quickbooks");
  });
});
