import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/db";
import { SimulatedCompany } from "@/scripts/simulator";
import { startAppServer, type AppServer } from "@/scripts/app-server";
import { contactInput, createContact } from "@/server/records/contacts";
import { itemInput, itemList } from "@/server/records/items";
import { salesTaxCodeInput, salesTaxCodeList } from "@/server/records/sales-tax-codes";
import { createFirstAdmin, launchBrowser, openPage, pickInCombobox, screenshot, visit as visitPage } from "../support/browser";
import { runWebConnector, TEST_CONNECTOR_ENV } from "../support/web-connector-runs";

// The office manager orders materials for a job: a purchase order entered here goes through the Sync Wizard to
// QuickBooks (the simulator, over real SOAP to /qbwc) and comes back with its TxnID.
let server: AppServer;
let browser: Browser;
let page: Page;

const ADMIN = { name: "Dana Whitfield", email: "dana@greenleaf.example", password: "correct horse battery staple" };

const quickBooks = new SimulatedCompany({ starterLists: false });
quickBooks.add("Account", { Name: "Materials Income", AccountType: "Income" });
quickBooks.add("SalesTaxCode", { Name: "Non", IsTaxable: "false" });

beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(TEST_CONNECTOR_ENV), launchBrowser()]);
  page = await openPage(browser);
  await createFirstAdmin(page, server.url, ADMIN);
  const db = openDatabase(server.databaseUrl);
  await createContact(db, "vendor", contactInput.parse({ name: "Piedmont Mulch & Soil" }), null);
  // The non-taxable code items are sent with is on both sides alike, so the first run links it.
  await salesTaxCodeList.create(db, salesTaxCodeInput.parse({ name: "Non", taxable: false }), null);
  await itemList.create(
    db,
    itemInput.parse({ kind: "non_inventory", name: "Hardwood Mulch", salesPrice: "42", incomeAccount: "Materials Income" }),
    null,
  );
});

beforeEach(({ task, onTestFailed }) =>
  onTestFailed(() => screenshot(page, `purchase-orders-failed-${task.name.slice(0, 40).replace(/\W+/g, "-")}`)),
);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const visit = (target: string) => visitPage(page, server.url, target);

/** Approve Checked with every export candidate checked, confirmed in its dialog. */
async function approveAllExports() {
  await visit("/sync?section=export");
  await page.getByText(/^All \d+ selected/).waitFor();
  await page.getByRole("button", { name: "Approve Checked" }).click();
  const dialog = page.getByRole("dialog", { name: /^Approve \d+ changes?\?/ });
  await dialog.getByRole("button", { name: /^Approve \d/ }).click();
  await page.getByText(/^Approved \d/).waitFor();
}

describe("a purchase order for a job", () => {
  it("is entered here, approved in the Sync Wizard and comes back from QuickBooks with its TxnID", async () => {
    await visit("/purchase-orders/new");
    await pickInCombobox(page, "Vendor", "Piedm", "Piedmont Mulch & Soil");
    await page.getByLabel("Order date").fill("2025-04-02");
    await page.getByLabel("Expected date").fill("2025-04-09");
    await page.getByLabel("Memo").fill("Mulch for the Harbor Dental spring cleanup");
    await pickInCombobox(page, "Item, line 1", "Hard", "Hardwood Mulch");
    await expect.poll(() => page.getByLabel("Rate, line 1").inputValue()).not.toBe("");
    await page.getByLabel("Quantity, line 1").fill("12");
    await page.getByLabel("Rate, line 1").fill("24.00");
    await page.getByRole("button", { name: "Create purchase order" }).click();
    await page.waitForURL(/\/purchase-orders\/\d+/);
    await page.getByRole("heading", { name: "Purchase order 1" }).waitFor();
    const orderPage = new URL(page.url()).pathname;
    await screenshot(page, "purchase-order-new");

    // The first run reads QuickBooks (nothing there to import yet) and finds the order, its vendor and its item.
    await runWebConnector(server.url, quickBooks);
    await visit("/sync?section=export");
    await page.getByRole("table", { name: "Export to QuickBooks" }).getByText("Purchase order 1").first().waitFor();
    await screenshot(page, "purchase-order-wizard");
    await approveAllExports();
    await runWebConnector(server.url, quickBooks);

    const inQuickBooks = quickBooks.find("PurchaseOrder", "1");
    expect(inQuickBooks).toMatchObject({ TotalAmount: "288.00", ExpectedDate: "2025-04-09", IsFullyReceived: "false" });
    await visit(orderPage);
    await page.getByText(inQuickBooks!.id).waitFor();
    await screenshot(page, "purchase-order-in-quickbooks");

    await visit("/purchase-orders");
    await page.getByRole("link", { name: "1", exact: true }).waitFor();
    await screenshot(page, "purchase-orders");
  });

  it("is billed with Create bill when the mulch arrives, and the bill goes to QuickBooks linked to the order", async () => {
    await visit("/purchase-orders");
    await page.getByRole("link", { name: "1", exact: true }).click();
    await page.getByRole("heading", { name: "Purchase order 1" }).waitFor();
    const orderPage = new URL(page.url()).pathname;
    await page.getByRole("button", { name: "Create bill" }).click();
    await page.waitForURL(/\/bills\/\d+/);
    await page.getByText("From purchase order").waitFor();
    await page.getByRole("link", { name: "1", exact: true }).waitFor();
    expect(await page.getByLabel("Quantity, item line 1").inputValue()).toBe("12");
    await page.getByLabel("Reference number").fill("PMS-2231");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Saved.").waitFor();
    await screenshot(page, "bill-from-purchase-order");

    await visit(orderPage);
    await page.getByRole("link", { name: /^Bill PMS-2231/ }).waitFor();
    await expect.poll(() => page.getByRole("button", { name: "Create bill" }).count()).toBe(0);
    await screenshot(page, "purchase-order-billed");

    await runWebConnector(server.url, quickBooks);
    await approveAllExports();
    await runWebConnector(server.url, quickBooks);
    expect(quickBooks.find("PurchaseOrder", "1")).toMatchObject({ IsFullyReceived: "true" });
  });
});
