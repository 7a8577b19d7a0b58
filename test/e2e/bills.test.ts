import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SimulatedCompany } from "@/scripts/simulator";
import { startAppServer, type AppServer } from "@/scripts/app-server";
import { createFirstAdmin, launchBrowser, openPage, pickInCombobox, screenshot, visit as visitPage } from "../support/browser";
import { runWebConnector, TEST_CONNECTOR_ENV } from "../support/web-connector-runs";

// The office manager enters a materials bill with an expense line and an item line, approves it in the Sync Wizard,
// and sees it come back from QuickBooks with its TxnID and the amount QuickBooks says is open.
let server: AppServer;
let browser: Browser;
let page: Page;

const ADMIN = { name: "Dana Whitfield", email: "dana@greenleaf.example", password: "correct horse battery staple" };

// QuickBooks with its starter chart of accounts (Checking, Materials, Job Supplies, Fuel, …).
const quickBooks = new SimulatedCompany();

beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(TEST_CONNECTOR_ENV), launchBrowser()]);
  page = await openPage(browser);
  await createFirstAdmin(page, server.url, ADMIN);
});

beforeEach(({ task, onTestFailed }) => onTestFailed(() => screenshot(page, `bills-failed-${task.name.slice(0, 40).replace(/\W+/g, "-")}`)));

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const visit = (target: string) => visitPage(page, server.url, target);
const runTheWebConnector = () => runWebConnector(server.url, quickBooks);

/** Approve Checked with everything in the section checked, confirmed in its dialog. */
async function approveEverything(section: "import" | "export") {
  await visit(`/sync?section=${section}`);
  await page.getByText(/^All \d/).waitFor();
  await page.getByRole("button", { name: "Approve Checked" }).click();
  const dialog = page.getByRole("dialog", { name: /^Approve \d/ });
  await dialog.getByRole("button", { name: /^Approve \d/ }).click();
  await dialog.waitFor({ state: "hidden" });
}

describe("a vendor's bill through the Sync Wizard", () => {
  it("reads QuickBooks' chart of accounts at the first run and lists it with each account's type", async () => {
    await runTheWebConnector();
    await approveEverything("import");
    await visit("/lists");
    const accounts = page.getByRole("table", { name: "Accounts" });
    await accounts.getByRole("row", { name: /Materials\s+Expense/ }).waitFor();
    await accounts.getByRole("row", { name: /Checking\s+Bank/ }).waitFor();
    await screenshot(page, "bills-chart-of-accounts");
  });

  it("enters a bill with an expense line and an item line, approves it, and sees its TxnID and open amount", async () => {
    await visit("/vendors/new");
    await page.getByLabel("Name", { exact: true }).fill("Green Valley Supply");
    await page.getByRole("button", { name: "Create vendor" }).click();
    await page.waitForURL(/\/vendors\/\d+/);
    await visit("/items/new");
    await page.getByLabel("Name", { exact: true }).fill("Mulch");
    await page.getByLabel("Kind").selectOption("non_inventory");
    await page.getByLabel("Sales price").fill("38.50");
    await page.getByLabel("Income account").fill("Materials Income");
    await page.getByRole("button", { name: "Create item" }).click();
    await page.waitForURL(/\/items\/\d+/);

    await visit("/bills/new");
    await pickInCombobox(page, "Vendor", "Green", "Green Valley Supply");
    await page.getByLabel("Reference number").fill("GV-4410");
    await page.getByLabel("Bill date").fill("2024-03-01");
    await pickInCombobox(page, "Account, expense line 1", "Mater", "Materials");
    await page.getByLabel("Amount, expense line 1").fill("120.00");
    await page.getByLabel("Memo, expense line 1").fill("Stone edging");
    await page.getByRole("button", { name: "Add item line" }).click();
    await pickInCombobox(page, "Item, item line 1", "Mulc", "Mulch");
    await page.getByLabel("Quantity, item line 1").fill("4");
    await page.getByLabel("Cost, item line 1").fill("12.50");
    await page.getByText("Total $170.00").waitFor();
    await screenshot(page, "bills-new");
    await page.getByRole("button", { name: "Create bill" }).click();
    await page.waitForURL(/\/bills\/\d+/);
    const billPage = new URL(page.url()).pathname;

    await runTheWebConnector();
    await visit("/sync?section=export");
    await page
      .getByRole("table", { name: "Export to QuickBooks" })
      .getByRole("link", { name: /^Bill #GV-4410 from Green Valley Supply/ })
      .waitFor();
    await screenshot(page, "bills-wizard");
    await approveEverything("export");
    await runTheWebConnector();

    const [bill] = quickBooks.list("Bill");
    expect(bill).toMatchObject({ RefNumber: "GV-4410", AmountDue: "170.00" });
    await visit(billPage);
    await page.getByText(bill!.id).waitFor();
    await page.getByText("$170.00 open in QuickBooks").waitFor();
    await screenshot(page, "bills-in-quickbooks");
    await visit("/bills");
    await page.getByRole("link", { name: "GV-4410" }).waitFor();
    await screenshot(page, "bills-list");
  });

  it("pays part of the bill with a check from Checking, and QuickBooks then shows less open", async () => {
    // Bills and bill payments sit under the header's one Purchases entry, which fits the admin's header at 1280 px.
    await visit("/bills");
    await page.getByRole("navigation", { name: "Purchases" }).getByRole("link", { name: "Bill payments" }).click();
    await page.waitForURL(/\/bill-payments$/);
    const header = page.getByRole("navigation", { name: "Main" });
    expect(await header.getByRole("link", { name: "Purchases" }).getAttribute("aria-current")).toBe("page");
    expect(await header.evaluate((nav) => nav.scrollWidth <= nav.clientWidth)).toBe(true);
    await page.getByRole("link", { name: "New bill payment" }).click();
    await page.waitForURL(/\/bill-payments\/new$/);
    await pickInCombobox(page, "Vendor", "Green", "Green Valley Supply");
    await page.getByLabel("Check number").fill("5012");
    await page.getByLabel("Payment date").fill("2024-03-15");
    await pickInCombobox(page, "Bank account", "Check", "Checking");
    await page.getByLabel("Payment on bill GV-4410").fill("100");
    await page.getByText("Check amount $100.00").waitFor();
    await screenshot(page, "bill-payments-new");
    await page.getByRole("button", { name: "Create bill payment" }).click();
    await page.waitForURL(/\/bill-payments\/\d+/);

    await runTheWebConnector();
    await approveEverything("export");
    await runTheWebConnector();
    expect(quickBooks.list("BillPaymentCheck")).toMatchObject([{ RefNumber: "5012", Amount: "100.00" }]);
    // The next run reads the bill QuickBooks changed by paying it.
    await runTheWebConnector();
    await visit("/bills");
    await page.getByRole("cell", { name: "$70.00" }).waitFor();
    await screenshot(page, "bills-list-after-payment");
  });
});
