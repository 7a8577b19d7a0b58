import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { parseQbxmlResponse } from "@/server/qbxml";
import { connectionFailedMessage } from "@/server/qbwc/hresults";
import { callerFor, createTestUser } from "./support/callers";
import { createTestDatabase } from "./support/database";
import { refusal } from "./support/refusal";

// Input at the edges: keys a caller chooses (a sort column, an HRESULT, an element name) are looked up among a table's
// own entries only; names, amounts and dates QuickBooks could not store are refused with a sentence by the field.
let db: Database;
let caller: ReturnType<typeof callerFor>;

beforeAll(async () => {
  db = await createTestDatabase();
  caller = callerFor(db, await createTestUser(db, "staff"));
  await caller.customers.create({ name: "Harbor Light Bakery" });
});

describe("keys from outside", () => {
  for (const sort of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
    it(`sorts a list asked to sort by "${sort}" by its default column instead of failing`, async () => {
      const page = await caller.customers.list({ sort });
      expect(page.rows.map((row) => row.name)).toEqual(["Harbor Light Bakery"]);
    });
  }

  it("words an HRESULT called constructor as an unknown one", () => {
    expect(connectionFailedMessage({ hresult: "constructor", message: "" })).toBe(
      "The Web Connector could not open QuickBooks (constructor). Make sure QuickBooks is running with the company file open, then run the Web Connector again.",
    );
  });

  it("reads a *Ret named like an object's own property as a record it does not know", () => {
    const [response] = parseQbxmlResponse(
      `<?xml version="1.0"?><QBXML><QBXMLMsgsRs><CustomerQueryRs requestID="1" statusCode="0" statusSeverity="Info" statusMessage="Status OK"><constructorRet><ListID>1</ListID></constructorRet></CustomerQueryRs></QBXMLMsgsRs></QBXML>`,
    );
    expect(response!.records).toEqual([expect.objectContaining({ kind: "Other", element: "constructorRet", listId: "1" })]);
  });
});

describe("values QuickBooks could not store", () => {
  for (const [what, name] of [
    ["a NUL", "Harbor\u0000Dental"],
    ["a tab", "Harbor\tDental"],
    ["a line break", "Harbor\nDental"],
  ] as const) {
    it(`refuses a name with ${what}, saying so by the field`, async () => {
      const refused = await refusal(caller.customers.create({ name }));
      expect(refused.fields.name).toBe(
        "The name must be one line, without tabs or other control characters: QuickBooks cannot store them in a name.",
      );
    });
  }

  it("refuses a character QuickBooks cannot store where it is typed, and keeps one it can fold", async () => {
    const refused = await refusal(caller.customers.create({ name: "Sunny Side 🌞 Cafe" }));
    expect(refused.fields.name).toBe('The name contains "🌞", which QuickBooks cannot store. Remove or replace it.');
    const memo = await refusal(caller.customers.create({ name: "Sunny Side Cafe", notes: "Gate code 東" }));
    expect(memo.fields.notes).toBe('The notes contains "東", which QuickBooks cannot store. Remove or replace it.');
    expect((await caller.customers.create({ name: "Café Őrség" })).name).toBe("Café Őrség");
  });

  it("keeps line breaks in notes but refuses a NUL there", async () => {
    const saved = await caller.customers.create({ name: "Elm Street Bakery", notes: "Gate code 1234\nDogs in the yard" });
    expect(saved.notes).toBe("Gate code 1234\nDogs in the yard");
    const refused = await refusal(caller.customers.create({ name: "Elm Street Deli", notes: "a\u0000b" }));
    expect(refused.fields.notes).toBe("The notes holds a control character QuickBooks cannot store; type it again without it.");
  });

  it("refuses a phone number over two lines", async () => {
    const refused = await refusal(caller.customers.create({ name: "Oak Hill Farm", phone: "555-0101\n555-0102" }));
    expect(refused.fields.phone).toBe(
      "The phone must be one line, without tabs or other control characters: QuickBooks cannot store them there.",
    );
  });

  it("refuses a negative sales price and a date QuickBooks does not keep", async () => {
    const item = await refusal(
      caller.items.create({ kind: "service", name: "Lawn Mowing", salesPrice: "-45", incomeAccount: "Service Income" }),
    );
    expect(item.fields.salesPrice).toBe("The sales price cannot be below 0; record a discount or credit on the invoice instead.");
    const [customer] = (await caller.customers.list({})).rows;
    const payment = await refusal(
      caller.payments.create({ customerId: customer!.id, txnDate: "0000-01-01", amount: "45", applications: [] }),
    );
    expect(payment.fields.txnDate).toMatch(
      /^The payment date (is not a real date|must be between 1901 and 2099, the years QuickBooks keeps)\.$/,
    );
    const late = await refusal(caller.payments.create({ customerId: customer!.id, txnDate: "2150-01-01", amount: "45", applications: [] }));
    expect(late.fields.txnDate).toBe("The payment date must be between 1901 and 2099, the years QuickBooks keeps.");
  });
});
