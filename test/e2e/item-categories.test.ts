import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "@/scripts/app-server";
import { launchBrowser, openPage, screenshot } from "../support/browser";

// The office manager files Mulching under Landscaping, finds it by its full name in the item list, and puts it on
// an invoice, where the line shows the same full name QuickBooks will show.
let server: AppServer;
let browser: Browser;
let page: Page;

const ADMIN = { name: "Dana Whitfield", email: "dana@greenleaf.example", password: "correct horse battery staple" };

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

beforeEach(({ task, onTestFailed }) =>
  onTestFailed(() => screenshot(page, `categories-failed-${task.name.slice(0, 40).replace(/\W+/g, "-")}`)),
);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function visit(path: string) {
  await page.goto(`${server.url}${path}`, { waitUntil: "networkidle" });
}

async function pick(label: string, search: string, option: string) {
  await page.getByRole("combobox", { name: label, exact: true }).fill(search);
  await page.getByRole("option", { name: option, exact: true }).click();
}

async function createItem(name: string, category?: string) {
  await visit("/items/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  if (category) await pick("Category", category.slice(0, 5), category);
  await page.getByLabel("Sales price").fill("50");
  await page.getByLabel("Income account").fill("Service Income");
  await page.getByRole("button", { name: "Create item" }).click();
  await page.waitForURL(/\/items\/\d+/);
  await page.getByText("Item created.").waitFor();
}

describe("item categories", () => {
  it("puts an item under a category and shows its full name in the list and on an invoice line", async () => {
    await createItem("Landscaping");
    await createItem("Mulching", "Landscaping");
    await page.getByRole("heading", { name: "Landscaping:Mulching" }).waitFor();
    expect(await page.getByRole("combobox", { name: "Category", exact: true }).inputValue()).toBe("Landscaping");
    await screenshot(page, "categories-item");

    await visit("/items?q=landscaping");
    await page.getByRole("link", { name: "Landscaping:Mulching" }).waitFor();
    await screenshot(page, "categories-items");

    await visit("/customers/new");
    await page.getByLabel("Name", { exact: true }).fill("Harbor View Dental");
    await page.getByRole("button", { name: "Create customer" }).click();
    await page.waitForURL(/\/customers\/\d+/);
    await visit("/invoices/new");
    await pick("Customer", "harbor", "Harbor View Dental");
    await page.getByLabel("Invoice date").fill("2025-03-10");
    await pick("Item, line 1", "mulch", "Landscaping:Mulching");
    await expect.poll(() => page.getByLabel("Rate, line 1").inputValue()).toBe("50.00");
    await page.getByRole("button", { name: "Create invoice" }).click();
    await page.waitForURL(/\/invoices\/\d+/);
    await page.getByText("Invoice created.").waitFor();
    expect(await page.getByRole("combobox", { name: "Item, line 1", exact: true }).inputValue()).toBe("Landscaping:Mulching");
    await screenshot(page, "categories-invoice");
  });
});
