import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/db";
import { seedDemo } from "@/scripts/demo/seed";
import { overlapCompany, type SimulatedCompany } from "@/scripts/simulator";
import { startAppServer, type AppServer } from "@/scripts/app-server";
import { createCustomerInApp, createFirstAdmin, launchBrowser, openPage, screenshot, visit as visitPage } from "../support/browser";
import { runWebConnector, TEST_CONNECTOR_ENV } from "../support/web-connector-runs";

// Day one as a newcomer lives it: the demo company here, the same business already in QuickBooks (the simulator,
// over real SOAP), everything approved as the wizard proposes; then a name entered in QuickBooks between two runs,
// and a failure nobody can fix, dismissed and restored.
let server: AppServer;
let browser: Browser;
let page: Page;
let quickBooks: SimulatedCompany;

const ADMIN = { name: "Dana Whitfield", email: "dana@greenleaf.example", password: "correct horse battery staple" };

beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(TEST_CONNECTOR_ENV), launchBrowser()]);
  page = await openPage(browser);
  await createFirstAdmin(page, server.url, ADMIN);
  const db = openDatabase(server.databaseUrl);
  await seedDemo(db, { today: new Date().toISOString().slice(0, 10) });
  ({ company: quickBooks } = await overlapCompany(db));
});

beforeEach(({ task, onTestFailed }) =>
  onTestFailed(() => screenshot(page, `first-sync-failed-${task.name.slice(0, 40).replace(/\W+/g, "-")}`)),
);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const visit = (target: string) => visitPage(page, server.url, target);
const runTheWebConnector = () => runWebConnector(server.url, quickBooks);

/** Approve Checked with everything in the section checked, confirmed in its dialog. */
async function approveEverything(section: "import" | "export") {
  await visit(`/sync?section=${section}`);
  if (await page.getByText("Nothing waits for approval").isVisible()) return;
  await page.getByText(/^All \d/).waitFor();
  await page.getByRole("button", { name: "Approve Checked" }).click();
  const dialog = page.getByRole("dialog", { name: /^Approve \d/ });
  const confirm = dialog.getByRole("button", { name: /^Approve \d/ });
  await confirm.waitFor();
  // Only held-back rows left: the dialog says why nothing would move, and there is nothing to approve.
  if (await confirm.isDisabled()) await dialog.getByRole("button", { name: "Cancel" }).click();
  else await confirm.click();
  await dialog.waitFor({ state: "hidden" });
}

describe("the first sync against books that already hold the same business", () => {
  it("counts what is on both sides, and shows a differing record as one Match with both versions", async () => {
    await runTheWebConnector();
    await visit("/sync?section=import");
    const banner = page.getByRole("alert", { name: "First import" }).or(page.getByLabel("First import"));
    await expect.poll(() => banner.textContent()).toMatch(/\d+ records are on both sides: \d+ identical and linked, \d+ differ/);
    await page
      .getByRole("button", { name: /^Decide the match of / })
      .first()
      .waitFor();
    await screenshot(page, "first-sync-wizard");

    await page
      .getByRole("button", { name: /^Decide the match of / })
      .first()
      .click();
    const dialog = page.getByRole("dialog", { name: /: on both sides$/ });
    await dialog.getByRole("columnheader", { name: "Ledgerbridge" }).waitFor();
    await screenshot(page, "first-sync-match-dialog");
    await dialog.getByRole("button", { name: "Link and take QuickBooks' values" }).click();
    await page.getByText(/is linked to QuickBooks' record and takes its values on the next Web Connector run/).waitFor();
  });

  it("ends the day with Unsynced Entities empty when everything is approved as proposed", async () => {
    await approveEverything("import");
    await approveEverything("export");
    for (let run = 0; run < 3; run++) {
      await runTheWebConnector();
      await approveEverything("import");
      await approveEverything("export");
    }
    await visit("/sync/unsynced");
    // Nothing failed; what the last round approved is still on its way, and the page says so.
    await page.getByText(/^No unsynced records\. \d+ approved changes? ha(s|ve) not crossed yet/).waitFor();
    await screenshot(page, "first-sync-unsynced-empty");
    // QuickBooks holds each invoice number once; what waits in the wizard says why.
    const numbers = quickBooks.list("Invoice").map((invoice) => String(invoice.RefNumber));
    expect(new Set(numbers).size).toBe(numbers.length);
    await visit("/sync?section=export");
    await page
      .getByText(/QuickBooks already has invoice \d+ for another customer/)
      .first()
      .waitFor();
    await screenshot(page, "first-sync-held-back");

    await visit("/sync/runs");
    await page
      .getByText(/On both sides: \d+ identical and linked/)
      .first()
      .waitFor();
    await screenshot(page, "first-sync-runs");
  });

  it("links a name entered in QuickBooks between two runs in one click, after showing QuickBooks' record", async () => {
    await createCustomerInApp(page, server.url, { name: "Juniper Ridge Dental", phone: "(919) 555-0144" });
    await visit("/sync");
    await page.getByRole("button", { name: "Find local changes now" }).click();
    await page.getByText(/^Found \d+ local change/).waitFor();
    await approveEverything("export");
    quickBooks.addCustomer({ Name: "Juniper Ridge Dental", Phone: "(919) 555-0199", Email: "front@juniperridge.example" });
    await runTheWebConnector();

    await visit("/sync/unsynced");
    await page.getByRole("button", { name: 'Link to "Juniper Ridge Dental" in QuickBooks' }).click();
    const dialog = page.getByRole("dialog", { name: 'Link to "Juniper Ridge Dental" in QuickBooks' });
    await dialog.getByText("front@juniperridge.example").waitFor();
    await screenshot(page, "first-sync-link-3100");
    await dialog.getByRole("button", { name: "Link and take QuickBooks' values" }).click();
    // The link is approved and goes on the next run: not a failure any more, not across yet either.
    await page.getByText(/^No unsynced records\. \d+ approved changes? ha(s|ve) not crossed yet/).waitFor();
    await runTheWebConnector();
    expect(quickBooks.list("Customer").filter((customer) => customer.Name === "Juniper Ridge Dental")).toHaveLength(1);
  });

  it("dismisses a failure that will never succeed, with a reason, and restores it from the Dismissed list", async () => {
    await createCustomerInApp(page, server.url, { name: "Cypress Tree Care" });
    await visit("/sync");
    await page.getByRole("button", { name: "Find local changes now" }).click();
    await page.getByText(/^Found \d+ local change/).waitFor();
    await approveEverything("export");
    // A vendor of that name in QuickBooks: customers and vendors share one list of names there, so nothing to link.
    quickBooks.addVendor({ Name: "Cypress Tree Care" });
    await runTheWebConnector();

    await visit("/sync/unsynced");
    await page
      .getByText(
        /QuickBooks gives the name "Cypress Tree Care" to a vendor "Cypress Tree Care" \(customers, vendors and employees share one list of names there\), which cannot be this customer/,
      )
      .waitFor();
    await page.getByRole("button", { name: "Dismiss the failure of Cypress Tree Care" }).click();
    const dialog = page.getByRole("dialog", { name: "Dismiss the failure of Cypress Tree Care?" });
    await dialog.getByLabel("Why").fill("They are only our supplier; the customer was a mistake");
    await dialog.getByRole("button", { name: "Dismiss", exact: true }).click();
    await page.getByText(/^Dismissed 1 failure\./).waitFor();
    await page.getByText(/^No unsynced records[.:]/).waitFor();

    await page.getByLabel("Show").selectOption("dismissed");
    await page.getByText("Dismissed: They are only our supplier; the customer was a mistake").waitFor();
    await screenshot(page, "first-sync-dismissed");
    await page.getByRole("button", { name: "Restore the failure of Cypress Tree Care" }).click();
    await page.getByText("Restored 1 failure to Unsynced Entities.").waitFor();
    await page.getByLabel("Show").selectOption("");
    await page.getByRole("button", { name: "Dismiss the failure of Cypress Tree Care" }).waitFor();
  });
});
