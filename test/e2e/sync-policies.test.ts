import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/db";
import { SimulatedCompany } from "@/scripts/simulator";
import { startAppServer, type AppServer } from "@/scripts/app-server";
import {
  createCustomerInApp,
  createFinalInvoiceInApp,
  createFirstAdmin,
  launchBrowser,
  openPage,
  screenshot,
  visit as visitPage,
} from "../support/browser";
import { backdateCustomer } from "../support/records";
import { runWebConnector, TEST_CONNECTOR_ENV } from "../support/web-connector-runs";

// The sync policies as an admin sets them and the office manager lives with them: a start date and a payment method
// left out, the first import before any export, an invoice held back by the start date, a record changed on both
// sides, what a failed customer holds back, Sync now and Undo last import, and the counts before a sync. QuickBooks is
// the simulator, reached by the Web Connector over real SOAP at /qbwc.
let server: AppServer;
let browser: Browser;
let page: Page;

const ADMIN = { name: "Dana Whitfield", email: "dana@greenleaf.example", password: "correct horse battery staple" };
const START_DATE = "2024-05-01";
const TODAY = new Date().toISOString().slice(0, 10);

// A company with the usual starter lists (payment methods, terms, accounts) and the one service the office bills.
const quickBooks = new SimulatedCompany();
quickBooks.add("ItemService", { Name: "Lawn Mowing", SalesOrPurchase: { Price: "45.00", AccountRef: { FullName: "Service Income" } } });

beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(TEST_CONNECTOR_ENV), launchBrowser()]);
  page = await openPage(browser);
  await createFirstAdmin(page, server.url, ADMIN);
});

// A failed step leaves the page it stopped on for the reviewer.
beforeEach(({ task, onTestFailed }) =>
  onTestFailed(() => screenshot(page, `sync-policies-failed-${task.name.slice(0, 40).replace(/\W+/g, "-")}`)),
);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const visit = (target: string) => visitPage(page, server.url, target);
const runTheWebConnector = () => runWebConnector(server.url, quickBooks);
const importTable = () => page.getByRole("table", { name: "Import from QuickBooks" });
const exportTable = () => page.getByRole("table", { name: "Export to QuickBooks" });

/** Approve Checked with everything in the section checked, confirmed in its dialog; returns the dialog. */
async function approveEverything(section: "import" | "export") {
  await visit(`/sync?section=${section}`);
  await page.getByText(/^All \d/).waitFor();
  await page.getByRole("button", { name: "Approve Checked" }).click();
  const dialog = page.getByRole("dialog", { name: /^Approve \d/ });
  await dialog.getByRole("button", { name: /^Approve \d/ }).click();
  return dialog;
}

async function saveSyncSettings() {
  await page.getByRole("button", { name: "Save sync settings" }).click();
}

describe("the sync policies in the browser", () => {
  it("keeps a start date and an unticked payment method across a reload, and says in words what is wrong with a date", async () => {
    // The card terminal posts its own payments to QuickBooks: the office adds its method here to leave it out.
    await visit("/lists");
    const methods = page.getByRole("region", { name: "Payment methods", exact: true });
    await methods.getByRole("button", { name: /^Add / }).click();
    await methods.getByLabel("Name", { exact: true }).fill("Card terminal");
    await methods.getByRole("button", { name: "Add", exact: true }).click();
    await methods.getByText("Saved Card terminal.").waitFor();

    await visit("/settings");
    const startDate = page.getByLabel("Sync from this date");
    await startDate.fill(START_DATE);
    await page.getByRole("checkbox", { name: "Card terminal" }).uncheck();
    await saveSyncSettings();
    await page.getByText("Saved. The next Web Connector run follows these settings.").waitFor();
    await screenshot(page, "sync-policies-settings-saved");

    await page.reload({ waitUntil: "networkidle" });
    expect(await startDate.inputValue()).toBe(START_DATE);
    expect(await page.getByRole("checkbox", { name: "Card terminal" }).isChecked()).toBe(false);

    // A year typed with one digit too many is a date the browser accepts and Ledgerbridge does not.
    await startDate.fill("20245-05-01");
    await saveSyncSettings();
    await page.getByText("Enter a start date such as 2025-01-01").waitFor();
    expect(await startDate.getAttribute("aria-invalid")).toBe("true");
    await screenshot(page, "sync-policies-settings-date-error");
    await page.reload({ waitUntil: "networkidle" });
    expect(await startDate.inputValue()).toBe(START_DATE);
  });

  it("imports first: an export approved before the first import is refused with why, and exports open once the imports are approved and applied", async () => {
    await createCustomerInApp(page, server.url, { name: "Maple Court HOA", phone: "207-555-0100" });
    await visit("/sync");
    await page
      .getByRole("status", { name: "First import" })
      .getByText("the next Web Connector run reads everything QuickBooks has")
      .waitFor();
    await page.getByRole("button", { name: "Find local changes now" }).click();
    await exportTable().getByRole("link", { name: "Maple Court HOA" }).waitFor();
    await page.getByRole("button", { name: "Approve Checked" }).click();
    const dialog = page.getByRole("dialog", { name: /^Approve \d/ });
    await dialog.getByRole("button", { name: /^Approve \d/ }).click();
    await dialog.getByText("Ledgerbridge first imports what QuickBooks has, so nothing is created twice").waitFor();
    await screenshot(page, "sync-policies-first-import-refused");
    await page.keyboard.press("Escape");

    await runTheWebConnector();
    await visit("/sync?section=import");
    await page
      .getByRole("status", { name: "First import" })
      .getByText(/approve or clear the \d+ Import from QuickBooks candidates/)
      .waitFor();
    // Not here yet, so named without a link to a local page.
    await importTable()
      .getByRole("row", { name: /Lawn Mowing/ })
      .waitFor();
    await screenshot(page, "sync-policies-first-import-candidates");
    await approveEverything("import");
    await page.getByText(/^Approved \d+ changes/).waitFor();
    await runTheWebConnector();

    await visit("/sync");
    expect(await page.getByRole("status", { name: "First import" }).count()).toBe(0);
    const exportDialog = await approveEverything("export");
    await exportDialog.waitFor({ state: "hidden" });
    await page.getByText(/^Approved \d+ changes?: (it waits|they wait) in Pending/).waitFor();
    await runTheWebConnector();
    expect(quickBooks.find("Customer", "Maple Court HOA")?.Phone).toBe("207-555-0100");
    // The method itself syncs like every payment method; only payments taken with it stay on their own side.
    expect(quickBooks.find("PaymentMethod", "Card terminal")).toBeDefined();
  });

  it("holds back the invoice of a customer created before the start date, saying why, even after Approve Checked", async () => {
    await createCustomerInApp(page, server.url, { name: "Old Orchard Farm", phone: "207-555-0160" });
    const db = openDatabase(server.databaseUrl);
    try {
      await backdateCustomer(db, "Old Orchard Farm", new Date("2024-01-15T12:00:00"));
    } finally {
      db.$client.close();
    }
    const invoice = await createFinalInvoiceInApp(page, server.url, { customer: "Old Orchard Farm", item: "Lawn Mowing", date: TODAY });
    await createCustomerInApp(page, server.url, { name: "New Leaf Landscaping", phone: "207-555-0170" });
    await runTheWebConnector();

    await visit("/sync?section=export");
    const row = exportTable().getByRole("row", { name: new RegExp(invoice) });
    const heldBack = `Held back: Customer "Old Orchard Farm" was created before the sync start date (${START_DATE}), so it is not synced.`;
    await row.getByRole("note").filter({ hasText: heldBack }).waitFor();
    expect(await exportTable().getByRole("link", { name: "Old Orchard Farm" }).count()).toBe(0);
    await screenshot(page, "sync-policies-held-back");

    await page.getByRole("button", { name: "Approve Checked" }).click();
    const dialog = page.getByRole("dialog", { name: "Approve 1 change?" });
    await dialog.getByText("held back stays here").waitFor();
    await screenshot(page, "sync-policies-held-back-approve");
    await dialog.getByRole("button", { name: "Approve 1" }).click();
    await page.getByText("1 held-back change stayed here; its row says why.").waitFor();
    await row.getByRole("note").filter({ hasText: heldBack }).waitFor();
    await screenshot(page, "sync-policies-held-back-after-approve");
    await runTheWebConnector();
    expect(quickBooks.find("Customer", "New Leaf Landscaping")).toBeDefined();
    expect(quickBooks.find("Customer", "Old Orchard Farm")).toBeUndefined();
    expect(quickBooks.list("Invoice")).toEqual([]);
  });

  it("raises one Conflict for a customer changed on both sides, resolves it field by field, and sends the merged record", async () => {
    await visit("/customers?q=maple");
    await page.getByRole("link", { name: "Maple Court HOA" }).click();
    await page.waitForURL(/\/customers\/\d+/);
    await page.getByLabel("Phone").fill("207-555-0111");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Saved.").waitFor();
    quickBooks.updateCustomer("Maple Court HOA", { Phone: "207-555-0199", Email: "board@maplecourt.example" });
    await runTheWebConnector();

    await visit("/sync?section=import");
    const row = importTable().getByRole("row", { name: /Maple Court HOA/ });
    await row.getByText("Conflict", { exact: true }).waitFor();
    await row.getByText("Changed on both sides").waitFor();
    await page.getByText("1 conflict to resolve: use Resolve on its row.").waitFor();
    expect(await exportTable().count()).toBe(0);
    await screenshot(page, "sync-policies-conflict-row");

    await row.getByRole("button", { name: "Resolve the conflict of Maple Court HOA" }).click();
    const dialog = page.getByRole("dialog", { name: "Resolve Maple Court HOA" });
    await dialog.getByText("207-555-0111").waitFor();
    await dialog.getByText("207-555-0199").waitFor();
    // Both changed the phone: a person picks. Only QuickBooks changed the email: it starts on QuickBooks' side.
    expect(await dialog.getByRole("button", { name: "Resolve", exact: true }).isDisabled()).toBe(true);
    await screenshot(page, "sync-policies-conflict-dialog");
    expect(await dialog.getByRole("radio", { name: /^QuickBooks's Email/ }).isChecked()).toBe(true);
    await dialog.getByRole("radio", { name: /^Ledgerbridge's Phone/ }).check();
    await dialog.getByRole("button", { name: "Resolve", exact: true }).click();
    await dialog.waitFor({ state: "hidden" });
    await screenshot(page, "sync-policies-conflict-resolved");

    await runTheWebConnector();
    const merged = quickBooks.find("Customer", "Maple Court HOA");
    expect({ phone: merged?.Phone, email: merged?.Email }).toEqual({ phone: "207-555-0111", email: "board@maplecourt.example" });
  });

  it("shows what a customer QuickBooks refused (3100) holds back: its approved invoice, with why", async () => {
    await createCustomerInApp(page, server.url, { name: "Willow Creek Stables", phone: "207-555-0190" });
    const invoice = await createFinalInvoiceInApp(page, server.url, { customer: "Willow Creek Stables", item: "Lawn Mowing", date: TODAY });
    await approveEverythingAfterFinding();
    // Meanwhile a vendor of that name is entered in QuickBooks, which keeps customers and vendors in one name list:
    // the customer's Add meets it there.
    quickBooks.addVendor({ Name: "Willow Creek Stables" });
    await runTheWebConnector();

    await visit("/sync/unsynced");
    const row = page.getByRole("table", { name: "Unsynced entities" }).getByRole("row", { name: /Willow Creek Stables/ });
    await row.getByRole("link", { name: /Status code 3100/ }).waitFor();
    // Its invoice waits for it, and so does the vendor's import, whose name the customer holds here.
    await row.getByRole("button", { name: "Holds back 2 records" }).click();
    const dialog = page.getByRole("dialog", { name: "What Willow Creek Stables holds back" });
    await dialog.getByRole("link", { name: invoice }).waitFor();
    await dialog.getByText('Waiting for customer "Willow Creek Stables", which failed to sync').waitFor();
    await dialog
      .getByText('Vendor "Willow Creek Stables" in QuickBooks is not imported: customer "Willow Creek Stables" has the same name here.', {
        exact: false,
      })
      .waitFor();
    await screenshot(page, "sync-policies-holds-back");
    await page.keyboard.press("Escape");
  });

  it("records who asked to Sync now and when, and undoes the last import after a warning", async () => {
    await visit("/sync/runs");
    await page.getByRole("button", { name: "Sync now" }).click();
    await page.getByText(new RegExp(`^Sync requested at .+ by ${ADMIN.name} — waits for the Web Connector's next run`)).waitFor();
    await screenshot(page, "sync-policies-sync-now");

    // A date typed in part reads as empty to the page: the selective sync says so instead of reading from the last run.
    await page.getByRole("group", { name: "Lists to read" }).getByRole("checkbox", { name: "Customers" }).check();
    await page.getByLabel("Changed since (optional)").focus();
    await page.keyboard.type("0230");
    await page.getByRole("button", { name: "Request selective sync" }).click();
    await page.getByText("Enter the whole date (month, day and year) of a real day").waitFor();
    expect(await page.getByText(/^Selective sync requested/).count()).toBe(0);
    await screenshot(page, "sync-policies-selective-date-error");

    quickBooks.addCustomer({ Name: "Harbor Light Bakery", Phone: "207-555-0142" });
    await runTheWebConnector();
    await approveEverything("import");
    await page.getByText(/^Approved 1 change/).waitFor();
    await runTheWebConnector();
    await visit("/customers?q=harbor");
    await page.getByRole("link", { name: "Harbor Light Bakery" }).waitFor();

    await visit("/sync/runs");
    expect(await page.getByText(/^Sync requested at/).count()).toBe(0);
    const card = page.getByRole("region", { name: "Undo last import" });
    await card.getByText(/^Last import: the Web Connector run of .+, approved by Dana Whitfield\.$/).waitFor();
    await screenshot(page, "sync-policies-undo-card");
    await card.getByRole("button", { name: "Undo last import" }).click();
    const dialog = page.getByRole("dialog", { name: "Undo the last import?" });
    await dialog.getByText("QuickBooks", { exact: false }).first().waitFor();
    await screenshot(page, "sync-policies-undo-dialog");
    await dialog.getByRole("button", { name: "Undo last import" }).click();
    await dialog.waitFor({ state: "hidden" });
    await card.getByText("The last import was undone.").waitFor();
    await screenshot(page, "sync-policies-undo-done");

    await visit("/customers?q=harbor");
    expect(await page.getByRole("link", { name: "Harbor Light Bakery" }).count()).toBe(0);
    expect(quickBooks.find("Customer", "Harbor Light Bakery")).toBeDefined();
  });

  it("opens the summary of what syncs under the current settings, with counts per type on each side", async () => {
    await visit("/sync");
    await page.getByText("What syncs under the current settings").click();
    const table = page.getByRole("table", { name: "Records per type on each side" });
    await table.waitFor();
    const customers = table.getByRole("row", { name: /^Customers/ });
    await customers.waitFor();
    expect(await customers.getByRole("cell").first().textContent()).toMatch(/^\d+$/);
    await page.getByText(/QuickBooks' figures are counted at/).waitFor();
    await screenshot(page, "sync-policies-summary");
  });
});

/** Find local changes now, then approve every export. */
async function approveEverythingAfterFinding() {
  await visit("/sync");
  await page.getByRole("button", { name: "Find local changes now" }).click();
  await page.getByText(/^Found \d/).waitFor();
  await approveEverything("export");
  await page.getByText(/^Approved \d/).waitFor();
}
