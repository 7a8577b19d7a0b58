import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "@/scripts/app-server";
import { SimulatedCompany } from "@/scripts/simulator";
import { createFirstAdmin, launchBrowser, openPage, pickInCombobox, screenshot, visit as visitPage } from "../support/browser";
import { runWebConnector, TEST_CONNECTOR_ENV } from "../support/web-connector-runs";

// A company that charges sales tax: its tax lists come from QuickBooks, an invoice here shows its tax and total as
// QuickBooks computes them, and when a rate changes in QuickBooks the invoice says what QuickBooks computed instead.
let server: AppServer;
let browser: Browser;
let page: Page;
let invoicePath: string;

const ADMIN = { name: "Dana Whitfield", email: "dana@greenleaf.example", password: "correct horse battery staple" };
const quickBooks = new SimulatedCompany({ starterLists: false });
quickBooks.add("Account", { Name: "Materials Income", AccountType: "Income" });
quickBooks.add("SalesTaxCode", { Name: "Tax", IsTaxable: "true", Desc: "Taxable Sales" });
quickBooks.add("SalesTaxCode", { Name: "Non", IsTaxable: "false", Desc: "Non-Taxable Sales" });
quickBooks.add("ItemSalesTax", { Name: "Maine", ItemDesc: "Maine sales tax", TaxRate: "5.5" });

beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(TEST_CONNECTOR_ENV), launchBrowser()]);
  page = await openPage(browser);
  await createFirstAdmin(page, server.url, ADMIN);
  await runWebConnector(server.url, quickBooks);
});

beforeEach(({ task, onTestFailed }) =>
  onTestFailed(() => screenshot(page, `sales-tax-failed-${task.name.slice(0, 40).replace(/\W+/g, "-")}`)),
);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const visit = (target: string) => visitPage(page, server.url, target);

/** Approves everything the wizard shows, then a Web Connector run carries it over. */
async function approveAllAndRun() {
  await visit("/sync");
  await page.getByRole("button", { name: "Find local changes now" }).click();
  await page.getByRole("button", { name: "Find local changes now" }).waitFor();
  await page.getByText(/^All [1-9]/).waitFor();
  await page.getByRole("button", { name: "Approve Checked" }).click();
  const dialog = page.getByRole("dialog", { name: /^Approve / });
  await dialog.getByRole("button", { name: /^Approve / }).click();
  await dialog.waitFor({ state: "hidden" });
  await runWebConnector(server.url, quickBooks);
}

describe("sales tax", () => {
  it("imports QuickBooks' sales tax codes and item onto the Lists page", async () => {
    await approveAllAndRun();
    await visit("/lists");
    const items = page.getByRole("region", { name: "Sales tax items", exact: true });
    await items.getByText("Maine", { exact: true }).waitFor();
    await items.getByText("5.5%").waitFor();
    await screenshot(page, "sales-tax-lists");
  });

  it("shows an invoice's sales tax and total as it is written, and after it is saved", async () => {
    await visit("/customers/new");
    await page.getByLabel("Name", { exact: true }).fill("Harbor Dental");
    await page.getByLabel("Sales tax code").selectOption({ label: "Tax" });
    await page.getByLabel("Sales tax item or group").selectOption({ label: "Maine" });
    await page.getByRole("button", { name: "Create customer" }).click();
    await page.waitForURL(/\/customers\/\d+/);
    await visit("/items/new");
    await page.getByLabel("Name", { exact: true }).fill("Mulch");
    await page.getByLabel("Sales price").fill("150");
    await page.getByLabel("Income account").fill("Materials Income");
    await page.getByLabel("Taxable").check();
    await page.getByRole("button", { name: "Create item" }).click();
    await page.waitForURL(/\/items\/\d+/);

    await visit("/invoices/new");
    await pickInCombobox(page, "Customer", "harbor", "Harbor Dental");
    await expect.poll(() => page.getByLabel("Sales tax", { exact: true }).inputValue()).not.toBe("");
    await pickInCombobox(page, "Item, line 1", "mulch", "Mulch");
    await expect.poll(() => page.getByLabel("Rate, line 1").inputValue()).toBe("150.00");
    const lines = page.getByRole("table", { name: "Invoice lines" });
    await expect.poll(() => lines.getByLabel("Sales tax amount").textContent()).toBe("$8.25");
    await expect.poll(() => lines.getByLabel("Invoice total").textContent()).toBe("$158.25");
    // A second line coded non-taxable adds to the total, not to the tax.
    await page.getByRole("button", { name: "Add line" }).click();
    await pickInCombobox(page, "Item, line 2", "mulch", "Mulch");
    await expect.poll(() => page.getByLabel("Rate, line 2").inputValue()).toBe("150.00");
    await expect.poll(() => lines.getByLabel("Sales tax amount").textContent()).toBe("$16.50");
    await page.getByLabel("Tax code, line 2").selectOption({ label: "Non" });
    await expect.poll(() => lines.getByLabel("Sales tax amount").textContent()).toBe("$8.25");
    await expect.poll(() => lines.getByLabel("Invoice total").textContent()).toBe("$308.25");
    await page.getByLabel("Status").selectOption("final");
    await page.getByRole("button", { name: "Create invoice" }).click();
    await page.waitForURL(/\/invoices\/\d+/);
    invoicePath = new URL(page.url()).pathname;
    await page.getByText("Sales tax (Maine, 5.5%)").waitFor();
    await screenshot(page, "sales-tax-invoice");

    await approveAllAndRun();
    const sent = quickBooks.list("Invoice")[0]!;
    expect([sent.SalesTaxTotal, sent.Subtotal]).toEqual(["8.25", "300.00"]);
  });

  it("flags the invoice when QuickBooks computes another tax after its rate changed there", async () => {
    quickBooks.update("ItemSalesTax", "Maine", { TaxRate: "5.51" });
    await visit(invoicePath);
    await page.getByLabel("Memo").fill("Second delivery");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Saved.").waitFor();
    await approveAllAndRun();

    await visit(invoicePath);
    await page.getByText("QuickBooks computed $8.27 tax, Ledgerbridge $8.25.").waitFor();
    await page.getByText("the rate was probably changed in QuickBooks").waitFor();
    await screenshot(page, "sales-tax-difference");
    await visit("/invoices");
    await page.getByText("QuickBooks computed $8.27 tax, Ledgerbridge $8.25").first().waitFor();
    await screenshot(page, "sales-tax-invoices-flagged");
  });
});
