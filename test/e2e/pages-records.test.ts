import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "@/scripts/app-server";
import { launchBrowser, openPage, screenshot } from "../support/browser";

// The office manager sets up the lists, an item and a customer, writes an invoice, records the payment,
// adds a colleague and prepares the Web Connector; a screenshot of each page is saved for review.
let server: AppServer;
let browser: Browser;
let page: Page;

const ADMIN = { name: "Dana Whitfield", email: "dana@greenleaf.example", password: "correct horse battery staple" };
const STAFF = { name: "Sam Rivera", email: "sam@greenleaf.example", password: "another long passphrase" };

beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
  page = await openPage(browser);
  await visit("/setup");
  await page.getByLabel("Your name").fill(ADMIN.name);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
  await page.getByLabel("Confirm password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create admin and sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/setup"));
});

beforeEach(({ task, onTestFailed }) => onTestFailed(() => screenshot(page, `pages-failed-${task.name.slice(0, 40).replace(/\W+/g, "-")}`)));

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Opens a page once React has taken it over and its first queries have answered. */
async function visit(path: string) {
  await page.goto(`${server.url}${path}`, { waitUntil: "networkidle" });
}

async function addListEntry(section: string, values: Record<string, string>) {
  const region = page.getByRole("region", { name: section, exact: true });
  await region.getByRole("button", { name: /^Add / }).click();
  for (const [label, value] of Object.entries(values)) await region.getByLabel(label, { exact: true }).fill(value);
  await region.getByRole("button", { name: "Add", exact: true }).click();
  await region.getByText(`Saved ${values.Name ?? values.Code}.`).waitFor();
}

async function pick(label: string, search: string, option: string) {
  await page.getByRole("combobox", { name: label, exact: true }).fill(search);
  await page.getByRole("option", { name: option, exact: true }).click();
}

describe("the records pages", () => {
  it("adds payment methods, terms and sales tax codes in place on the Lists page", async () => {
    await visit("/lists");
    await page.getByText("No payment methods yet.").waitFor();
    await screenshot(page, "pages-lists-empty");
    await addListEntry("Payment methods", { Name: "Check" });
    await addListEntry("Terms", { Name: "Net 30", "Net days": "30" });
    await addListEntry("Sales tax codes", { Code: "Tax", Description: "Taxable sales" });

    const terms = page.getByRole("region", { name: "Terms", exact: true });
    await terms.getByRole("button", { name: /^Add / }).click();
    await terms.getByLabel("Name", { exact: true }).fill("net 30");
    await terms.getByRole("button", { name: "Add", exact: true }).click();
    await terms.getByText('already used by the term "Net 30"').waitFor();
    await screenshot(page, "pages-lists");
    await terms.getByRole("button", { name: "Cancel" }).click();
  });

  it("creates an item and lists it", async () => {
    await visit("/items/new");
    await page.getByLabel("Name", { exact: true }).fill("Lawn mowing");
    await page.getByLabel("Sales price").fill("45");
    await page.getByLabel("Income account").fill("Service Income");
    await page.getByLabel("Description").fill("Weekly mowing and edging");
    await page.getByRole("button", { name: "Create item" }).click();
    await page.waitForURL(/\/items\/\d+/);
    await page.getByText("Item created.").waitFor();
    expect(await page.getByLabel("Sales price").inputValue()).toBe("45.00");
    await screenshot(page, "pages-item");
    await visit("/items");
    await page.getByRole("link", { name: "Lawn mowing" }).waitFor();
    await screenshot(page, "pages-items");
  });

  it("writes an invoice: terms fill the due date, the item fills the rate, amounts add up, line errors show", async () => {
    await visit("/customers/new");
    await page.getByLabel("Name", { exact: true }).fill("Harbor View Dental");
    await page.getByRole("button", { name: "Create customer" }).click();
    await page.waitForURL(/\/customers\/\d+/);

    await visit("/invoices/new");
    await pick("Customer", "harbor", "Harbor View Dental");
    await page.getByLabel("Invoice date").fill("2025-03-10");
    await page.getByLabel("Terms").selectOption({ label: "Net 30" });
    await expect.poll(() => page.getByLabel("Due date").inputValue()).toBe("2025-04-09");

    await pick("Item, line 1", "lawn", "Lawn mowing");
    await expect.poll(() => page.getByLabel("Rate, line 1").inputValue()).toBe("45.00");
    await page.getByLabel("Quantity, line 1").fill("2");
    const lines = page.getByRole("table", { name: "Invoice lines" });
    await lines.getByRole("row", { name: /Total/ }).getByText("$90.00").waitFor();

    await page.getByRole("button", { name: "Add line" }).click();
    await pick("Item, line 2", "lawn", "Lawn mowing");
    await page.getByLabel("Quantity, line 2").fill("two");
    await page.getByRole("button", { name: "Create invoice" }).click();
    await page.getByText("Enter the quantity as a number above 0").waitFor();
    expect(await page.getByLabel("Quantity, line 2").getAttribute("aria-invalid")).toBe("true");
    await screenshot(page, "pages-invoice-line-error");

    await page.getByRole("button", { name: "Remove line 2" }).click();
    await page.getByLabel("Status").selectOption("final");
    await page.getByRole("button", { name: "Create invoice" }).click();
    await page.waitForURL(/\/invoices\/\d+/);
    await page.getByText("Invoice created.").waitFor();
    await page.getByRole("heading", { name: "Invoice 1001" }).waitFor();
    await screenshot(page, "pages-invoice");

    await visit("/invoices");
    await page.getByRole("link", { name: "1001" }).waitFor();
    await screenshot(page, "pages-invoices");
  });

  it("records a payment applied oldest first, which pays the invoice off", async () => {
    await visit("/payments/new");
    await page.getByText("Choose a customer to see their open invoices.").waitFor();
    await pick("Customer", "harbor", "Harbor View Dental");
    await page.getByLabel("Amount", { exact: true }).fill("100");
    await page.getByLabel("Payment method").selectOption({ label: "Check" });
    await page.getByLabel("Reference number").fill("4417");
    await page.getByLabel("Apply to invoice 1001").waitFor();
    await page.getByRole("button", { name: "Apply oldest first" }).click();
    expect(await page.getByLabel("Apply to invoice 1001").inputValue()).toBe("90.00");
    await page
      .getByRole("row", { name: /Unapplied/ })
      .getByText("$10.00")
      .waitFor();
    await screenshot(page, "pages-payment-new");
    await page.getByRole("button", { name: "Record payment" }).click();
    await page.waitForURL(/\/payments\/\d+/);
    await page.getByText("Payment recorded.").waitFor();

    await visit("/payments");
    await page.getByRole("link", { name: /Payment from Harbor View Dental/ }).waitFor();
    await screenshot(page, "pages-payments");

    await visit("/invoices");
    await page.getByRole("link", { name: "1001" }).click();
    await page.waitForURL(/\/invoices\/\d+/);
    // The invoice's Balance figure, not another $0.00 beside it (its sales tax).
    const balanceFigure = page.locator("dl > div").filter({ has: page.getByRole("term").filter({ hasText: /^Balance$/ }) });
    await balanceFigure.getByRole("definition").filter({ hasText: "$0.00" }).waitFor();
  });

  it("adds a staff user and refuses to demote the only admin, saying why", async () => {
    await visit("/users");
    await page.getByLabel("Name", { exact: true }).fill(STAFF.name);
    await page.getByLabel("Email", { exact: true }).fill(STAFF.email);
    await page.getByLabel("Password", { exact: true }).fill(STAFF.password);
    await page.getByLabel(/^Staff/).check();
    await page.getByRole("button", { name: "Add user" }).click();
    await page.getByText(`Added ${STAFF.name}.`).waitFor();
    await page.getByRole("rowheader", { name: STAFF.name }).waitFor();

    await page.getByLabel(`Role of ${ADMIN.name}`).selectOption("staff");
    await page.getByText("Ledgerbridge needs at least one active admin").waitFor();
    await screenshot(page, "pages-users");
  });

  it("prepares the Web Connector: credentials, an https public URL, then the .qwc download", async () => {
    await visit("/settings");
    await page.getByText("Set the public URL first").first().waitFor();
    expect(await page.getByRole("button", { name: "Download .qwc file" }).isDisabled()).toBe(true);
    await screenshot(page, "pages-settings-empty");

    await page.getByLabel("User name").fill("greenleaf-qb");
    await page.getByLabel("Password", { exact: true }).fill("web connector secret");
    await page.getByRole("button", { name: "Save user name and password" }).click();
    await page.getByText("Saved. Type this password into the Web Connector").waitFor();

    await page.getByLabel("Public URL").fill("http://sync.greenleaf.example");
    await page.getByRole("button", { name: "Save public URL" }).click();
    await page.getByText("only accepts https:// addresses").first().waitFor();
    await page.getByLabel("Public URL").fill("https://sync.greenleaf.example");
    await page.getByRole("button", { name: "Save public URL" }).click();
    await page.getByText("https://sync.greenleaf.example/qbwc").waitFor();
    await page.getByRole("link", { name: "Download .qwc file" }).waitFor();
    await screenshot(page, "pages-settings");
  });

  it("shows the home page with a count of each kind of record", async () => {
    await visit("/");
    await page.getByRole("heading", { name: "How syncing works" }).waitFor();
    await page.getByRole("link", { name: /1\s*Invoices/ }).waitFor();
    await screenshot(page, "pages-home");
  });

  it("tells staff politely that users and settings are for admins", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/login$/);
    await page.getByLabel("Email").fill(STAFF.email);
    await page.getByLabel("Password").fill(STAFF.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    const navigation = page.getByRole("navigation", { name: "Main" });
    await navigation.getByRole("link", { name: "Customers" }).waitFor();
    expect(await navigation.getByRole("link", { name: "Users" }).count()).toBe(0);
    await visit("/users");
    await page.getByText("Only admins can manage users.").waitFor();
    await screenshot(page, "pages-users-staff");
  });
});
