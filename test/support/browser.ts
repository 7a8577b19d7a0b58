import { mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import chromium from "@sparticuz/chromium";
import { chromium as playwright, type Browser, type Page } from "playwright-core";
import { expect } from "vitest";

const ROOT = path.resolve(__dirname, "..", "..");
const SCREENSHOTS = path.join(ROOT, "test-results", "screenshots");

/** Headless Chromium from the @sparticuz/chromium package: no browser download needed. */
export async function launchBrowser(): Promise<Browser> {
  return playwright.launch({
    executablePath: await chromiumExecutable(),
    args: [...chromium.args, "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    headless: true,
  });
}

let unpacked: Promise<string> | undefined;

/**
 * The package unpacks its binary into the temporary folder, then returns any binary it finds there, whichever
 * version unpacked it: a folder per version keeps a machine that ran an older one (or another checkout) from
 * testing with the wrong Chromium. Browsers launched together share one unpacking, not two writing one file.
 */
function chromiumExecutable(): Promise<string> {
  unpacked ??= unpackChromium();
  return unpacked;
}

function unpackChromium(): Promise<string> {
  const { version } = JSON.parse(readFileSync(path.join(ROOT, "node_modules", "@sparticuz", "chromium", "package.json"), "utf8")) as {
    version: string;
  };
  const folder = path.join(tmpdir(), `sparticuz-chromium-${version}`);
  mkdirSync(folder, { recursive: true });
  const systemTmp = process.env.TMPDIR;
  // executablePath() reads the temporary folder (os.tmpdir()) before its first await, so TMPDIR is put back at once.
  process.env.TMPDIR = folder;
  try {
    return chromium.executablePath();
  } finally {
    if (systemTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = systemTmp;
  }
}

/** A page at a 1280-px laptop's size that fails at the stuck step, well before the test itself times out. */
export async function openPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(20_000);
  return page;
}

/** Saves a full-page screenshot into test-results/screenshots for a reviewer to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The first visit of a fresh server: /setup creates the admin and signs them in. */
export async function createFirstAdmin(
  page: Page,
  baseUrl: string,
  admin: { name: string; email: string; password: string },
): Promise<void> {
  await page.goto(`${baseUrl}/setup`, { waitUntil: "networkidle" });
  await page.getByLabel("Your name").fill(admin.name);
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password", { exact: true }).fill(admin.password);
  await page.getByLabel("Confirm password").fill(admin.password);
  await page.getByRole("button", { name: "Create admin and sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/setup"));
}

/** Signs whoever is signed in out, and the given person in. */
export async function signInAs(page: Page, person: { email: string; password: string }): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/login$/);
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** Opens a page of the app once React has taken it over and its first queries have answered. */
export async function visit(page: Page, baseUrl: string, target: string): Promise<void> {
  await page.goto(`${baseUrl}${target}`, { waitUntil: "networkidle" });
}

/** Creates a customer through the New customer form, as the office manager would; returns its page's path. */
export async function createCustomerInApp(page: Page, baseUrl: string, customer: { name: string; phone?: string }): Promise<string> {
  await visit(page, baseUrl, "/customers/new");
  await page.getByLabel("Name", { exact: true }).fill(customer.name);
  if (customer.phone) await page.getByLabel("Phone").fill(customer.phone);
  await page.getByRole("button", { name: "Create customer" }).click();
  await page.waitForURL(/\/customers\/\d+/);
  return new URL(page.url()).pathname;
}

/** Picks `option` in a combobox after typing `search` into it. */
export async function pickInCombobox(page: Page, label: string, search: string, option: string): Promise<void> {
  await page.getByRole("combobox", { name: label, exact: true }).fill(search);
  await page.getByRole("option", { name: option, exact: true }).click();
}

/** Writes a one-line final invoice through the New invoice form; returns its number as the page heads it. */
export async function createFinalInvoiceInApp(
  page: Page,
  baseUrl: string,
  invoice: { customer: string; item: string; date: string },
): Promise<string> {
  await visit(page, baseUrl, "/invoices/new");
  await pickInCombobox(page, "Customer", invoice.customer.slice(0, 6), invoice.customer);
  await page.getByLabel("Invoice date").fill(invoice.date);
  await pickInCombobox(page, "Item, line 1", invoice.item.slice(0, 4), invoice.item);
  // The item fills the rate once its details arrive; sending before then sends a line without one.
  await expect.poll(() => page.getByLabel("Rate, line 1").inputValue()).not.toBe("");
  await page.getByLabel("Quantity, line 1").fill("1");
  await page.getByLabel("Status").selectOption("final");
  await page.getByRole("button", { name: "Create invoice" }).click();
  await page.waitForURL(/\/invoices\/\d+/);
  const heading = await page
    .getByRole("heading", { name: /^Invoice / })
    .first()
    .textContent();
  return heading?.trim() ?? "";
}
