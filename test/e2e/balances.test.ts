import type { Browser, Page } from "playwright-core";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/db";
import { startAppServer, type AppServer } from "@/scripts/app-server";
import { SimulatedCompany } from "@/scripts/simulator";
import { createFirstAdmin, launchBrowser, openPage, screenshot, visit as visitPage } from "../support/browser";
import { addInvoicedCustomer } from "../support/simulator";
import { runWebConnector, TEST_CONNECTOR_ENV } from "../support/web-connector-runs";

// The office manager compares a customer's balance in QuickBooks with what Ledgerbridge has synced: equal after the
// first import, then a credit memo entered only in QuickBooks sets them $200.00 apart, flagged on the page and the list.
let server: AppServer;
let browser: Browser;
let page: Page;

const ADMIN = { name: "Dana Whitfield", email: "dana@greenleaf.example", password: "correct horse battery staple" };
const CUSTOMER = "Harbor Light Bakery";
const quickBooks = new SimulatedCompany();

beforeAll(async () => {
  addInvoicedCustomer(quickBooks, CUSTOMER);
  [server, browser] = await Promise.all([startAppServer(TEST_CONNECTOR_ENV), launchBrowser()]);
  page = await openPage(browser);
  await createFirstAdmin(page, server.url, ADMIN);
  await runWebConnector(server.url, quickBooks);
});

beforeEach(({ task, onTestFailed }) =>
  onTestFailed(() => screenshot(page, `balances-failed-${task.name.slice(0, 40).replace(/\W+/g, "-")}`)),
);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const visit = (target: string) => visitPage(page, server.url, target);
const balancePanel = () => page.getByRole("region", { name: "Balance", exact: true });

describe("a customer's balance as QuickBooks reports it", () => {
  it("matches what is synced once the first import is applied", async () => {
    await visit("/sync");
    await page.getByRole("button", { name: "Approve Checked" }).click();
    const dialog = page.getByRole("dialog", { name: /^Approve \d/ });
    await dialog.getByRole("button", { name: /^Approve \d/ }).click();
    await dialog.waitFor({ state: "hidden" });
    await runWebConnector(server.url, quickBooks);

    await visit("/customers");
    await page.getByRole("link", { name: CUSTOMER }).click();
    await page.waitForURL(/\/customers\/\d+/);
    await expect.poll(() => balancePanel().getByTestId("quickbooks-balance").textContent()).toContain("$1,240.00");
    expect(await balancePanel().getByTestId("ledgerbridge-balance").textContent()).toContain("$1,240.00");
    expect(await balancePanel().getByText("Differs from QuickBooks").count()).toBe(0);
  });

  it("flags the difference when a credit memo is entered only in QuickBooks, on the open page and in the list", async () => {
    quickBooks.adjustBalance("Customer", CUSTOMER, -20000);
    await runWebConnector(server.url, quickBooks);
    // The open page follows the run by itself.
    await expect
      .poll(() => balancePanel().textContent())
      .toContain("QuickBooks says $1,040.00, Ledgerbridge's synced invoices and payments say $1,240.00: $200.00 apart.");
    expect(await balancePanel().textContent()).toContain("credit memo");
    await balancePanel().getByText("Differs from QuickBooks").waitFor();
    await screenshot(page, "balances-customer");

    await visit("/customers?balance=differs");
    expect(await page.getByRole("combobox", { name: "Balance", exact: true }).inputValue()).toBe("differs");
    const rows = page.getByRole("table", { name: "Customers" }).getByRole("row");
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(1).textContent()).toContain("$1,040.00");
    expect(await rows.nth(1).textContent()).toContain("Differs");
    await screenshot(page, "balances-customer-list");
  });
});

describe("QuickBooks' name list nearing its cap", () => {
  it("warns on the home page and in the Sync Wizard before approving customers that would pass it", async () => {
    // As after reading a big company file: 13,200 names in QuickBooks and 1,500 new customers waiting to be sent.
    const db = openDatabase(server.databaseUrl);
    await db.run(sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 13200)
      insert into quickbooks_records (entity_type, qb_id, match_key, taken_key, label, fields, seen_at)
      select 'customer', 'held-' || i, 'held ' || i, 'held ' || i, 'Held ' || i, '{}', 0 from n`);
    await db.run(sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 1500)
      insert into sync_items (direction, entity_type, record_key, action, state, label, fingerprint, created_at, updated_at)
      select 'export', 'customer', 'local:new-' || i, 'add', 'candidate', 'New customer ' || i, 'f', 0, 0 from n`);
    const warning = /QuickBooks holds 13,\d{3} of its 14,500 names; approving these 1,500 customers would pass the limit\./;

    await visit("/");
    await page.getByText(warning).waitFor();
    await screenshot(page, "balances-list-limit-home");

    await visit("/sync?section=export");
    await page.getByText(warning).first().waitFor();
    await page.getByRole("button", { name: "Approve Checked" }).click();
    const dialog = page.getByRole("dialog", { name: /^Approve / });
    await dialog.getByText(warning).waitFor();
    expect(await dialog.textContent()).toContain("as a proxy");
    await screenshot(page, "balances-list-limit-approve");
    await dialog.getByRole("button", { name: "Cancel" }).click();
  });
});
