import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/db";
import { SimulatedCompany } from "@/scripts/simulator";
import { startAppServer, type AppServer } from "@/scripts/app-server";
import { createCustomerInApp, createFirstAdmin, launchBrowser, openPage, screenshot, visit as visitPage } from "../support/browser";
import { insertLocalCustomers } from "../support/records";
import { runWebConnector, TEST_CONNECTOR_ENV } from "../support/web-connector-runs";

// A day at the office, end to end: records entered here, the Web Connector (the simulator, over real SOAP to
// /qbwc) finds them, the office manager approves some and clears others, QuickBooks refuses a name in use and
// has lost a linked record, and a morning with thousands of changes waiting still leaves the wizard usable.
let server: AppServer;
let browser: Browser;
let page: Page;

const ADMIN = { name: "Dana Whitfield", email: "dana@greenleaf.example", password: "correct horse battery staple" };

const quickBooks = new SimulatedCompany({ starterLists: false });

beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(TEST_CONNECTOR_ENV), launchBrowser()]);
  page = await openPage(browser);
  await createFirstAdmin(page, server.url, ADMIN);
});

// A failed step leaves the page it stopped on for the reviewer.
beforeEach(({ task, onTestFailed }) =>
  onTestFailed(() => screenshot(page, `office-day-failed-${task.name.slice(0, 40).replace(/\W+/g, "-")}`)),
);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const visit = (target: string) => visitPage(page, server.url, target);
const runTheWebConnector = () => runWebConnector(server.url, quickBooks);
const wizardBadge = (words: string) => page.getByRole("link", { name: `Sync Wizard: ${words}` });
const exportTable = () => page.getByRole("table", { name: "Export to QuickBooks" });

/** Approves every export candidate on show, keeping nothing back. */
async function approveAllExports(count: number) {
  const shown = count.toLocaleString("en-US");
  await visit("/sync?section=export");
  await page.getByText(`All ${shown} selected`).waitFor();
  await page.getByRole("button", { name: "Approve Checked" }).click();
  const dialog = page.getByRole("dialog", { name: `Approve ${shown} ${count === 1 ? "change" : "changes"}?` });
  await dialog.getByRole("button", { name: `Approve ${shown}` }).click();
  await page.getByText(/^Approved \d/).waitFor();
}

const SEASON = ["Birchwood Dental", "Cedar Lane Bakery", "Elm Street Pharmacy", "Fernhill Vet Clinic", "Juniper Row Florist"];
const CLEARED = ["Cedar Lane Bakery", "Juniper Row Florist"];
const APPROVED = SEASON.filter((name) => !CLEARED.includes(name));

describe("a day at the office with QuickBooks", () => {
  it("counts new records on the badge after a run, approves three, clears two for good, and sends the three", async () => {
    for (const [index, name] of SEASON.entries()) await createCustomerInApp(page, server.url, { name, phone: `207-555-01${index}0` });
    await runTheWebConnector();

    await visit("/");
    await wizardBadge("5 changes wait for approval").waitFor();
    await screenshot(page, "office-day-home-badge");

    await page.getByRole("link", { name: /^Sync Wizard: 5 changes/ }).click();
    await page.waitForURL(/\/sync$/);
    await page.getByRole("tab", { name: /Export to QuickBooks/, selected: true }).waitFor();
    await exportTable().getByRole("link", { name: "Birchwood Dental" }).waitFor();
    for (const name of CLEARED)
      await exportTable()
        .getByRole("checkbox", { name: `Approve ${name}` })
        .uncheck();
    await page.getByText("3 of 5 selected").waitFor();
    await page.getByLabel("Unchecked").selectOption("clear");
    await page.getByText("Gone until the record changes again.").waitFor();
    await screenshot(page, "office-day-wizard-unchecked");

    await page.getByRole("button", { name: "Approve Checked" }).click();
    const dialog = page.getByRole("dialog", { name: "Approve 3 changes?" });
    await dialog.getByText("unchecked are cleared").waitFor();
    await screenshot(page, "office-day-wizard-clear-unchecked");
    await dialog.getByRole("button", { name: "Approve 3" }).click();
    await page.getByText("Cleared 2 unchecked changes until the record changes again.").waitFor();
    await wizardBadge("nothing waits for approval").waitFor();

    await visit("/reports/sync");
    const pending = page.getByRole("table", { name: "Pending syncs" });
    for (const name of APPROVED) await pending.getByRole("link", { name }).waitFor();
    for (const name of CLEARED) expect(await pending.getByRole("link", { name }).count()).toBe(0);
    await page.getByText("1–3 of 3").waitFor();
    await screenshot(page, "office-day-report-pending");

    await runTheWebConnector();
    await visit("/reports/sync?tab=successful");
    const successful = page.getByRole("table", { name: "Successful syncs" });
    for (const name of APPROVED) await successful.getByRole("link", { name }).waitFor();
    await screenshot(page, "office-day-report-successful");
    expect(
      quickBooks
        .list("Customer")
        .map((customer) => customer.Name)
        .sort(),
    ).toEqual(APPROVED);
    await visit("/sync/runs");
    await page.getByRole("heading", { name: "No run right now" }).waitFor();
    expect(await page.getByRole("table", { name: "Web Connector runs" }).getByText("Completed").count()).toBe(2);
    await screenshot(page, "office-day-runs");

    // The cleared two stay cleared: a further run neither raises them again nor sends them.
    await runTheWebConnector();
    await visit("/sync");
    await page.getByText("Nothing waits for approval.").waitFor();
    await wizardBadge("nothing waits for approval").waitFor();
    for (const name of CLEARED) expect(quickBooks.find("Customer", name)).toBeUndefined();
  });

  it("explains a 3100 (name in use in QuickBooks) with a guide link, and sends the record once it is renamed and resynced", async () => {
    await createCustomerInApp(page, server.url, { name: "Willow Creek Stables", phone: "207-555-0190" });
    await runTheWebConnector();
    await approveAllExports(1);
    // Entered in QuickBooks after that run read it: QuickBooks keeps customers, vendors and employees in one name
    // list, so a vendor there blocks this customer when its Add arrives.
    quickBooks.addVendor({ Name: "Willow Creek Stables" });
    await runTheWebConnector();

    await visit("/sync/unsynced");
    const table = page.getByRole("table", { name: "Unsynced entities" });
    const row = table.getByRole("row", { name: /Willow Creek Stables/ });
    await row.getByRole("link", { name: /Status code 3100/ }).waitFor();
    await row
      .getByText(/already in use/i)
      .first()
      .waitFor(); // QuickBooks' own message
    await row.getByText("Name already in use").waitFor(); // the guidance's title
    const guide = row.getByRole("link", { name: "Guide entry for 3100" });
    expect(await guide.getAttribute("href")).toBe("/guide/3100");
    await screenshot(page, "office-day-unsynced-3100");

    await row.getByRole("link", { name: "Willow Creek Stables" }).click();
    await page.waitForURL(/\/customers\/\d+/);
    await page.getByLabel("Name", { exact: true }).fill("Willow Creek Stables LLC");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Saved.").waitFor();

    await visit("/sync/unsynced");
    await table.getByRole("button", { name: /^Resync Willow Creek Stables/ }).click();
    await page.getByText("1 record went back to Pending").waitFor();
    await runTheWebConnector();

    await visit("/reports/sync?tab=successful");
    // The report shows the name that was sent, the one QuickBooks now holds.
    await page.getByRole("table", { name: "Successful syncs" }).getByRole("link", { name: "Willow Creek Stables LLC" }).waitFor();
    await screenshot(page, "office-day-report-successful-renamed");
    expect(quickBooks.find("Customer", "Willow Creek Stables LLC")).toBeDefined();
    await visit("/sync/unsynced");
    await page.getByText("No unsynced records: everything approved reached the other side.").waitFor();
  });

  it("re-creates a customer deleted in QuickBooks (3120) once an admin clears its ID", async () => {
    const name = "Birchwood Dental";
    await visit("/customers?q=birchwood");
    await page.getByRole("link", { name }).click();
    await page.waitForURL(/\/customers\/\d+/);
    await page.getByLabel("Phone").fill("207-555-0111");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Saved.").waitFor();
    await visit("/sync");
    await page.getByRole("button", { name: "Find local changes now" }).click();
    await page.getByText("Found 1 local change").waitFor();
    await approveAllExports(1);

    // Someone deletes the customer in QuickBooks before the run sends the approved change.
    quickBooks.deleteCustomer(name);
    const customersBefore = quickBooks.count("Customer");
    await runTheWebConnector();
    // The same run noticed the deletion; the office manager sees it on the Import side too.
    await visit("/sync?section=import");
    await page
      .getByRole("table", { name: "Import from QuickBooks" })
      .getByRole("row", { name: new RegExp(name) })
      .waitFor();
    await screenshot(page, "office-day-wizard-import-deleted");

    await visit("/sync/unsynced");
    const row = page.getByRole("table", { name: "Unsynced entities" }).getByRole("row", { name: new RegExp(name) });
    await row.getByRole("link", { name: /Status code 3120/ }).waitFor();
    await row.getByRole("link", { name: "Guide entry for 3120" }).waitFor();
    await screenshot(page, "office-day-unsynced-3120");

    await row.getByRole("button", { name: `Clear the QuickBooks ID of ${name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Clear the QuickBooks ID of ${name}?` });
    await dialog.getByText("Clear ID is for records that were deleted in QuickBooks.").waitFor();
    await dialog.getByText("if it is gone, a new one is created").waitFor();
    expect(await dialog.getByLabel("Resync right after clearing").isChecked()).toBe(true);
    await screenshot(page, "office-day-clear-id");
    await dialog.getByRole("button", { name: "Clear ID" }).click();
    await page.getByText("Cleared the QuickBooks ID of 1 record and sent it back to Pending").waitFor();

    // Clearing the ID answered the "deleted in QuickBooks" candidate as well.
    await visit("/sync?section=import");
    const imports = page.getByRole("table", { name: "Import from QuickBooks" });
    await imports.getByRole("row").first().waitFor();
    expect(await imports.getByRole("row", { name: new RegExp(name) }).count()).toBe(0);

    await runTheWebConnector();
    expect(quickBooks.count("Customer")).toBe(customersBefore + 1);
    expect(quickBooks.find("Customer", name)?.Phone).toBe("207-555-0111");
    await visit("/sync/unsynced");
    await page.getByText("No unsynced records: everything approved reached the other side.").waitFor();
  });

  it(
    "stays usable with 5,000 changes waiting: all selected across pages, one unchecked, 4,999 to Pending",
    { timeout: 240_000 },
    async () => {
      const db = openDatabase(server.databaseUrl);
      try {
        await insertLocalCustomers(db, 5000, "Meadow Customer");
      } finally {
        db.$client.close();
      }
      await runTheWebConnector();

      await visit("/sync?section=export");
      await page.getByText("All 5,000 selected").waitFor();
      await page.getByText("1–25 of 5,000").waitFor();
      expect(await page.getByTestId("sync-badge").textContent()).toBe("999+");
      await screenshot(page, "office-day-wizard-5000");

      const table = exportTable();
      await table.getByRole("checkbox", { name: "Uncheck all 5,000 matching changes" }).click();
      await page.getByText("0 of 5,000 selected").waitFor();
      await table.getByRole("checkbox", { name: "Check all 5,000 matching changes" }).click();
      await page.getByText("All 5,000 selected").waitFor();
      await table.getByRole("checkbox", { name: "Approve Meadow Customer 00001" }).uncheck();
      await page.getByText("4,999 of 5,000 selected").waitFor();

      await page.getByRole("button", { name: "Approve Checked" }).click();
      const dialog = page.getByRole("dialog", { name: "Approve 4,999 changes?" });
      await dialog.getByText("unchecked is kept").waitFor();
      await dialog.getByRole("button", { name: "Approve 4,999" }).click();
      await page.getByText("Approved 4,999 changes").waitFor();
      await page.getByText("All 1 selected").waitFor();
      await table.getByRole("link", { name: "Meadow Customer 00001" }).waitFor();

      await visit("/reports/sync");
      await page.getByRole("tab", { name: /Pending\s*4,999/, selected: true }).waitFor();
      await page.getByText("1–25 of 4,999").waitFor();
      await screenshot(page, "office-day-report-pending-4999");
    },
  );
});
