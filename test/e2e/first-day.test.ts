import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "@/scripts/app-server";
import { launchBrowser, openPage, screenshot } from "../support/browser";

// The office manager's first day: set up Ledgerbridge, sign in, enter a customer and an invoice.
let server: AppServer;
let browser: Browser;
let page: Page;

const ADMIN = { name: "Dana Whitfield", email: "dana@greenleaf.example", password: "correct horse battery staple" };

beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
  page = await openPage(browser);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the first day with Ledgerbridge", () => {
  it("sends the very first visitor to setup, which creates the admin and signs them in", async () => {
    await page.goto(`${server.url}/customers`, { waitUntil: "networkidle" });
    await page.waitForURL(/\/setup$/);
    await screenshot(page, "setup");
    await page.getByLabel("Your name").fill(ADMIN.name);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
    await page.getByLabel("Confirm password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Create admin and sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/setup"));
    await page.getByRole("banner").getByText(`${ADMIN.name} (admin)`).waitFor();
    expect(await page.getByRole("button", { name: "Sign out" }).isVisible()).toBe(true);
  });

  it("refuses a wrong password with a message, then lets the right one in", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/login$/);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Wrong email or password.").waitFor();
    await screenshot(page, "login-wrong-password");
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  });

  it("creates a customer and finds it in the customer list by searching", async () => {
    // Typed into only once React has taken the page over (networkidle): earlier keystrokes can be lost on a busy machine.
    await page.goto(`${server.url}/customers/new`, { waitUntil: "networkidle" });
    await page.getByLabel("Name", { exact: true }).fill("Harbor View Dental");
    await page.getByLabel("Email").fill("office@harborview.example");
    await page.getByLabel("Phone").fill("919-555-0142");
    await page.getByRole("button", { name: "Create customer" }).click();
    await page.waitForURL(/\/customers\/\d+/);
    await page.goto(`${server.url}/customers`, { waitUntil: "networkidle" });
    await page.getByRole("searchbox", { name: "Search Customers" }).fill("harbor");
    await page.waitForURL(/q=harbor/);
    await page.getByRole("link", { name: "Harbor View Dental" }).waitFor();
    await screenshot(page, "customers");
  });

  it("refuses a vendor named like an existing customer and names the customer", async () => {
    await page.goto(`${server.url}/vendors/new`, { waitUntil: "networkidle" });
    await page.getByLabel("Name", { exact: true }).fill("harbor view dental");
    await page.getByRole("button", { name: "Create vendor" }).click();
    const message = page.getByText('already used by the customer "Harbor View Dental"');
    await message.waitFor();
    await screenshot(page, "vendor-name-clash");
    expect(page.url()).toMatch(/\/vendors\/new$/);
  });

  it("shows which field is wrong and why when a form is invalid", async () => {
    await page.goto(`${server.url}/customers/new`, { waitUntil: "networkidle" });
    await page.getByLabel("Name", { exact: true }).fill("A name that is far too long for QuickBooks to store");
    await page.getByRole("button", { name: "Create customer" }).click();
    await page.getByText("The name can be at most 41 characters").waitFor();
    expect(await page.getByLabel("Name", { exact: true }).getAttribute("aria-invalid")).toBe("true");
  });
});
