import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer } from "@/scripts/app-server";
import { createFirstAdmin, launchBrowser, openPage, screenshot, signInAs } from "../support/browser";
import { SimulatedCompany } from "@/scripts/simulator";
import { authenticateStrings, callQbwc, resultOf } from "../support/qbwc-client";

// The office manager's daily routine: find what changed, uncheck what should not go, approve the rest, watch the
// Web Connector send it, read the Sync Report, fix what QuickBooks refused, and look a status code up.
// QuickBooks is the simulator, answering the Web Connector calls this test makes to the real /qbwc endpoint.
let server: AppServer;
let browser: Browser;
let page: Page;

const ADMIN = { name: "Dana Whitfield", email: "dana@greenleaf.example", password: "correct horse battery staple" };
const STAFF = { name: "Sam Rivera", email: "sam@greenleaf.example", password: "another long passphrase" };
const CONNECTOR = { username: "greenleaf-qb", password: "web connector secret" };

const quickBooks = new SimulatedCompany({ starterLists: false });

beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
  page = await openPage(browser);
  await createFirstAdmin(page, server.url, ADMIN);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Opens a page once React has taken it over and its first queries have answered. */
async function visit(target: string) {
  await page.goto(`${server.url}${target}`, { waitUntil: "networkidle" });
}

async function createCustomer(name: string, phone: string) {
  await visit("/customers/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Phone").fill(phone);
  await page.getByRole("button", { name: "Create customer" }).click();
  await page.waitForURL(/\/customers\/\d+/);
}

/** One Web Connector session as QBWC drives it: the handshake, then every request answered by the simulated QuickBooks. */
class WebConnectorRun {
  private ticket = "";
  private readonly url = `${server.url}/qbwc`;

  async start() {
    const [ticket, company] = authenticateStrings(
      await callQbwc(this.url, "authenticate", { strUserName: CONNECTOR.username, strPassword: CONNECTOR.password }),
    );
    expect(company).toBe("");
    this.ticket = ticket!;
    // The first request is Ledgerbridge's Host/Company/Preferences query.
    return this.exchange();
  }

  /** Sends one request and its answer; returns the percentage done, or null when there was nothing to send. */
  async exchange(): Promise<number | null> {
    const request = resultOf(
      await callQbwc(this.url, "sendRequestXML", {
        ticket: this.ticket,
        strHCPResponse: "",
        strCompanyFileName: "C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Greenleaf.QBW",
        qbXMLCountry: "US",
        qbXMLMajorVers: 13,
        qbXMLMinorVers: 0,
      }),
      "sendRequestXML",
    );
    if (request === "") return null;
    const response = quickBooks.handle(request);
    const reply = await callQbwc(this.url, "receiveResponseXML", { ticket: this.ticket, response, hresult: "", message: "" });
    return Number(resultOf(reply, "receiveResponseXML"));
  }

  async finish() {
    for (let percent = 0; percent < 100;) {
      const next = await this.exchange();
      if (next === null) break;
      expect(next).toBeGreaterThanOrEqual(0);
      percent = next;
    }
    await callQbwc(this.url, "closeConnection", { ticket: this.ticket });
  }
}

describe("the office manager's sync pages", () => {
  it("shows an empty Sync Wizard that says when changes are found, and a grey dot before the Web Connector ever called", async () => {
    await visit("/sync");
    await page.getByText("Nothing waits for approval.").waitFor();
    await page.getByText("the Web Connector has not run yet").waitFor();
    await page.getByRole("link", { name: "Web Connector: Never connected" }).waitFor();
    await page.getByRole("link", { name: "Sync Wizard: nothing waits for approval" }).waitFor();
    await screenshot(page, "sync-wizard-empty");
  });

  it("saves the batch size and the Web Connector's password in Settings", async () => {
    await visit("/settings");
    await page.getByLabel("User name").fill(CONNECTOR.username);
    await page.getByLabel("Password", { exact: true }).fill(CONNECTOR.password);
    await page.getByRole("button", { name: "Save user name and password" }).click();
    await page.getByText("Saved. Type this password into the Web Connector").waitFor();
    await page.getByLabel("Records per request").fill("25");
    await page.getByRole("button", { name: "Save sync settings" }).click();
    await page.getByText("Saved. The next Web Connector run follows these settings.").waitFor();
    await screenshot(page, "sync-settings");
  });

  it("reads the empty company file on the first run, which opens exports, and says so in the wizard", async () => {
    await visit("/sync");
    await page.getByRole("status", { name: "First import" }).waitFor();
    await screenshot(page, "sync-wizard-first-import");
    const run = new WebConnectorRun();
    await run.start();
    await run.finish();
    await visit("/sync");
    await page.getByText("Nothing waits for approval.").waitFor();
    expect(await page.getByRole("status", { name: "First import" }).count()).toBe(0);
  });

  it("finds local changes now and lists them all checked, each with a one-line summary that opens", async () => {
    await createCustomer("Harbor View Dental", "919-555-0142");
    await createCustomer("Maple Court HOA", "207-555-0100");
    await createCustomer("Oak Hill Farm", "207-555-0177");
    await visit("/sync");
    await page.getByRole("button", { name: "Find local changes now" }).click();
    await page.getByText("Found 3 local changes").waitFor();
    await page.getByRole("tab", { name: /Export to QuickBooks/, selected: true }).waitFor();
    const table = page.getByRole("table", { name: "Export to QuickBooks" });
    await table.getByRole("link", { name: "Harbor View Dental" }).waitFor();
    await page.getByText("All 3 selected").waitFor();
    await page.getByRole("link", { name: "Sync Wizard: 3 changes wait for approval" }).waitFor();

    await table.getByRole("button", { name: "Show the changes to Harbor View Dental" }).click();
    await table.getByText("919-555-0142").first().waitFor();
    await screenshot(page, "sync-wizard");
  });

  it("previews the exact qbXML an export would send", async () => {
    await page.getByRole("button", { name: "Preview the qbXML for Harbor View Dental" }).click();
    const dialog = page.getByRole("dialog", { name: "qbXML for Harbor View Dental" });
    await dialog.getByText("<CustomerAddRq", { exact: false }).first().waitFor();
    await screenshot(page, "sync-wizard-preview");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
  });

  it("unchecks a row from the keyboard and approves the others, keeping the unchecked one for the next run", async () => {
    const table = page.getByRole("table", { name: "Export to QuickBooks" });
    await table.getByRole("row", { name: /Harbor View Dental/ }).focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Space");
    await page.getByText("2 of 3 selected").waitFor();
    expect(await table.getByRole("checkbox", { name: "Approve Maple Court HOA" }).isChecked()).toBe(false);

    await page.keyboard.press("Alt+A");
    const dialog = page.getByRole("dialog", { name: "Approve 2 changes?" });
    await dialog.getByText("go to Pending").waitFor();
    await dialog.getByText("unchecked is kept").waitFor();
    await screenshot(page, "sync-wizard-approve");
    await dialog.getByRole("button", { name: "Approve 2" }).click();
    await page.getByText("Approved 2 changes").waitFor();
    await page.getByRole("link", { name: "Sync Wizard: 1 change waits for approval" }).waitFor();
    await table.getByRole("link", { name: "Maple Court HOA" }).waitFor();
  });

  it("lists the approved changes as Pending with why they wait, and downloads exactly them as CSV", async () => {
    await visit("/reports/sync");
    await page.getByRole("tab", { name: /Pending/, selected: true }).waitFor();
    const table = page.getByRole("table", { name: "Pending syncs" });
    await table.getByRole("link", { name: "Harbor View Dental" }).waitFor();
    await table.getByText("it goes on the next Web Connector run").first().waitFor();
    await page.getByRole("main").getByText("The Web Connector last called").first().waitFor();
    await screenshot(page, "sync-report-pending");

    const href = await page.getByRole("link", { name: "Download CSV" }).getAttribute("href");
    const download = await page.request.get(`${server.url}${href}`);
    expect(download.headers()["content-type"]).toContain("text/csv");
    const lines = (await download.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("Since,Status,Direction,Type,Record,Action,Why it waits,Approved at,Approved by");
    expect(
      lines
        .slice(1)
        .map((line) => line.split(",")[4])
        .sort(),
    ).toEqual(["Harbor View Dental", "Oak Hill Farm"]);
    expect(lines.slice(1).map((line) => line.split(",").at(-1))).toEqual([ADMIN.name, ADMIN.name]);

    // Each pending change says who approved it, and shows the exact qbXML the next run sends for it.
    const harbor = table.getByRole("row", { name: /Harbor View Dental/ });
    await harbor.getByText(ADMIN.name).waitFor();
    await harbor.getByRole("button", { name: "qbXML for Harbor View Dental" }).click();
    const dialog = page.getByRole("dialog", { name: "qbXML for Harbor View Dental" });
    const qbxml = await dialog.getByLabel("qbXML request").textContent();
    expect(qbxml).toMatch(/<\?qbxml version="13\.0"\?>[\s\S]*<CustomerAddRq requestID="\d+"><CustomerAdd><Name>Harbor View Dental<\/Name>/);
    await screenshot(page, "sync-report-pending-qbxml");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
  });

  it("follows a Web Connector run as it happens, then lists it as completed", async () => {
    // A vendor already holds this name in QuickBooks' shared name list, so QuickBooks refuses the customer (3100).
    quickBooks.addVendor({ Name: "Oak Hill Farm" });
    const run = new WebConnectorRun();
    await run.start();
    await visit("/sync/runs");
    await page.getByRole("heading", { name: "Run in progress" }).waitFor();
    await page.getByRole("progressbar", { name: "Run progress" }).waitFor();
    // Each stage has its own bar: reading QuickBooks, sending to it, applying imports here.
    await page.getByRole("progressbar", { name: "Sending to QuickBooks" }).waitFor();
    await page
      .getByRole("list", { name: "Run stages" })
      .getByText(/^\d+ of 2$/)
      .waitFor();
    await page.getByRole("link", { name: "Web Connector: Sync running" }).waitFor();
    await screenshot(page, "sync-runs-running");

    await run.finish();
    await visit("/sync/runs");
    await page.getByRole("heading", { name: "No run right now" }).waitFor();
    await page.getByRole("table", { name: "Web Connector runs" }).getByText("Completed").first().waitFor();
    await page.getByRole("link", { name: /^Web Connector: QuickBooks reached/ }).waitFor();
    await screenshot(page, "sync-runs");
  });

  it("shows what went through and what QuickBooks refused, and leads to Unsynced Entities", async () => {
    await visit("/reports/sync?tab=successful");
    await page.getByRole("table", { name: "Successful syncs" }).getByRole("link", { name: "Harbor View Dental" }).waitFor();
    await visit("/reports/sync?tab=failed");
    const failed = page.getByRole("table", { name: "Failed syncs" });
    await failed
      .getByRole("row", { name: /Oak Hill Farm/ })
      .getByRole("link", { name: /Status code 3100/ })
      .waitFor();
    await screenshot(page, "sync-report-failed");

    await page.getByRole("link", { name: "Unsynced Entities", exact: true }).last().click();
    await page.waitForURL(/\/sync\/unsynced/);
    const table = page.getByRole("table", { name: "Unsynced entities" });
    const row = table.getByRole("row", { name: /Oak Hill Farm/ });
    await row.getByText("Name already in use").waitFor();
    await row.getByRole("link", { name: "Guide entry for 3100" }).waitFor();
    await page.getByRole("link", { name: /Unsynced Entities: 1 record failed/ }).waitFor();
    await screenshot(page, "sync-unsynced");

    await row.getByRole("button", { name: "Clear the QuickBooks ID of Oak Hill Farm" }).click();
    const dialog = page.getByRole("dialog", { name: "Clear the QuickBooks ID of Oak Hill Farm?" });
    await dialog.getByText("looks QuickBooks up by name first").waitFor();
    await screenshot(page, "sync-unsynced-clear-id");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
  });

  it("sums up the run on the home page and on Web Connector runs, each line leading to its rows of the Sync Report", async () => {
    await visit("/");
    const last = page.getByRole("region", { name: "Sync complete" });
    await last.getByText("Customers in QuickBooks:").waitFor();
    await last.getByRole("link", { name: "1 created" }).waitFor();
    await screenshot(page, "home-sync-complete");

    await visit("/sync/runs");
    const runs = page.getByRole("table", { name: "Web Connector runs" });
    await runs.getByText("Sync complete: by type").first().click();
    await runs.getByRole("link", { name: "1 failed" }).first().click();
    await page.waitForURL(/tab=failed&run=\d+&type=customer/);
    await page.getByText("Only the Web Connector run of its summary.").waitFor();
    const failed = page.getByRole("table", { name: "Failed syncs" });
    await failed.getByRole("row", { name: /Oak Hill Farm/ }).waitFor();
    expect(await failed.getByRole("row").count()).toBe(2);
  });

  it("finds a status code in the guide and opens its own page; an unknown code is not found", async () => {
    await visit("/guide");
    await page.getByRole("searchbox", { name: "Search the status codes" }).fill("name already in use");
    await page.waitForURL(/q=name/);
    const entry = page.getByRole("article", { name: "Name already in use", exact: true });
    await entry.waitFor();
    await screenshot(page, "guide");
    await entry.getByRole("link", { name: "Name already in use", exact: true }).click();
    await page.waitForURL(/\/guide\/3100$/);
    await page.getByRole("heading", { name: "Status code 3100" }).waitFor();
    await screenshot(page, "guide-3100");

    await visit("/guide/NOT-A-CODE");
    await page.getByText("This page does not exist").waitFor();
  });

  it("shows the green dot's words on hover, and the home page leads to the sync pages", async () => {
    await visit("/");
    await page.getByRole("link", { name: "Sync Wizard", exact: true }).waitFor();
    await page.getByRole("link", { name: "Sync Report", exact: true }).waitFor();
    await page.getByRole("link", { name: /^Web Connector: QuickBooks reached/ }).hover();
    await screenshot(page, "sync-header");
  });

  it("lets staff resync but not clear IDs, and says why", async () => {
    await visit("/users");
    await page.getByLabel("Name", { exact: true }).fill(STAFF.name);
    await page.getByLabel("Email", { exact: true }).fill(STAFF.email);
    await page.getByLabel("Password", { exact: true }).fill(STAFF.password);
    await page.getByLabel(/^Staff/).check();
    await page.getByRole("button", { name: "Add user" }).click();
    await page.getByText(`Added ${STAFF.name}.`).waitFor();
    await signInAs(page, STAFF);

    await visit("/sync/unsynced");
    const table = page.getByRole("table", { name: "Unsynced entities" });
    const row = table.getByRole("row", { name: /Oak Hill Farm/ });
    await row.waitFor();
    expect(await row.getByRole("button", { name: /Clear the QuickBooks ID/ }).count()).toBe(0);
    await row.getByRole("checkbox", { name: "Select Oak Hill Farm" }).check();
    expect(await page.getByRole("button", { name: "Clear ID…" }).isDisabled()).toBe(true);
    await page.getByText("Only an admin can clear a QuickBooks ID.").waitFor();
    await screenshot(page, "sync-unsynced-staff");

    await page.getByRole("button", { name: "Resync selected" }).click();
    await page.getByText("1 record went back to Pending").waitFor();
    // Nothing failed now, but the record has not reached QuickBooks yet: the empty list says so.
    await page
      .getByText("No unsynced records. 1 approved change has not crossed yet: the Sync Report's Pending tab says when and why.")
      .waitFor();
    expect(await page.getByText("everything approved reached the other side").count()).toBe(0);

    // The audit log says who did it.
    await visit("/sync/audit");
    const log = page.getByRole("table", { name: "Audit log" });
    await log.getByRole("row", { name: new RegExp(`${STAFF.name}.*Resynced.*Oak Hill Farm`) }).waitFor();
    await log.getByRole("row", { name: new RegExp(`${ADMIN.name}.*Approved.*Harbor View Dental`) }).waitFor();
    await log
      .getByRole("row", { name: new RegExp(`${ADMIN.name}.*Added or changed a user.*Added ${STAFF.name} \\(${STAFF.email}\\) as staff`) })
      .waitFor();
    await screenshot(page, "sync-audit");

    // It downloads as CSV under the filter on screen: only the user changes.
    await page.getByRole("combobox", { name: "Action" }).selectOption("user");
    await log.getByRole("row", { name: /Resynced/ }).waitFor({ state: "detached" });
    const href = await page.getByRole("link", { name: "Download CSV" }).getAttribute("href");
    expect(href).toContain("action=user");
    const download = await page.request.get(`${server.url}${href}`);
    expect(download.headers()["content-type"]).toContain("text/csv");
    const lines = (await download.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("When,Who,Action,Record,Detail");
    expect(lines.slice(1).map((line) => line.split(",")[2])).toEqual(["user"]);
    expect(lines[1]).toContain(`Added ${STAFF.name} (${STAFF.email}) as staff.`);
  });

  it("pauses syncing with a reason, says so in the header and to the Web Connector, and resumes", async () => {
    await signInAs(page, ADMIN);
    await visit("/settings");
    await page.getByLabel("Why (the Web Connector shows it)").fill("Year-end close in QuickBooks");
    await page.getByRole("button", { name: "Pause syncing" }).click();
    await page.getByText(new RegExp(`^Paused by ${ADMIN.name} on .*: Year-end close in QuickBooks$`)).waitFor();
    await page.getByRole("link", { name: "Web Connector: Sync paused" }).waitFor();
    await page.getByRole("banner").getByRole("status").getByText(`by ${ADMIN.name}: Year-end close in QuickBooks.`).waitFor();
    await screenshot(page, "settings-paused");

    // A Web Connector run meanwhile opens nothing and is told why.
    const url = `${server.url}/qbwc`;
    const [ticket, answer] = authenticateStrings(
      await callQbwc(url, "authenticate", { strUserName: CONNECTOR.username, strPassword: CONNECTOR.password }),
    );
    expect(answer).toBe("none");
    expect(resultOf(await callQbwc(url, "closeConnection", { ticket: ticket! }), "closeConnection")).toContain("paused in Ledgerbridge by");

    await page.getByRole("button", { name: "Resume syncing" }).click();
    await page.getByLabel("Why (the Web Connector shows it)").waitFor();
    await page.getByRole("link", { name: /^Web Connector: (?!Sync paused)/ }).waitFor();
    expect(await page.getByRole("banner").getByText("Sync paused").count()).toBe(0);
    await visit("/sync/audit");
    await page
      .getByRole("table", { name: "Audit log" })
      .getByRole("row", { name: /Paused syncing: Year-end close in QuickBooks/ })
      .waitFor();
  });
});
