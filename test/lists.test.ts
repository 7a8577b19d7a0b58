import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import type { SessionUser } from "@/lib/roles";
import { callerFor, createTestUser } from "./support/callers";
import { createTestDatabase } from "./support/database";
import { refusal } from "./support/refusal";

let db: Database;
let staff: SessionUser;

beforeAll(async () => {
  db = await createTestDatabase();
  staff = await createTestUser(db, "staff");
});

describe("payment methods, terms and sales tax codes", () => {
  it("refuses a payment method whose name another uses, whatever the case", async () => {
    const caller = callerFor(db, staff);
    const visa = await caller.paymentMethods.create({ name: "Visa" });
    expect(visa).toMatchObject({ name: "Visa", active: true, updatedBy: staff.id });
    const refused = await refusal(caller.paymentMethods.create({ name: "VISA" }));
    expect(refused).toMatchObject({ code: "CONFLICT", fields: { name: expect.stringContaining('payment method "Visa"') } });
  });

  it("keeps net days of terms between 0 and 999 and sorts terms by them", async () => {
    const caller = callerFor(db, staff);
    for (const [name, netDays] of [
      ["Net 30", 30],
      ["Due on receipt", 0],
      ["Net 15", 15],
    ] as const) {
      await caller.terms.create({ name, netDays });
    }
    const refused = await refusal(caller.terms.create({ name: "Net 1000", netDays: 1000 }));
    expect(refused.fields).toEqual({ netDays: "Enter the net days as a whole number from 0 to 999." });
    const page = await caller.terms.list({ sort: "netDays" });
    expect(page.rows.map((row) => row.name)).toEqual(["Due on receipt", "Net 15", "Net 30"]);
  });

  it("refuses a sales tax code longer than QuickBooks' 3 characters", async () => {
    const caller = callerFor(db, staff);
    await caller.salesTaxCodes.create({ name: "Tax", description: "Taxable sales", taxable: true });
    const refused = await refusal(caller.salesTaxCodes.create({ name: "Exempt", taxable: false }));
    expect(refused.fields).toEqual({ name: "The sales tax code can be at most 3 characters (QuickBooks' limit)." });
  });

  it("renames a list entry and stamps who did it", async () => {
    const caller = callerFor(db, staff);
    const saved = await caller.paymentMethods.create({ name: "Chek" });
    const renamed = await caller.paymentMethods.update({ id: saved.id, data: { name: "Check" } });
    expect(renamed).toMatchObject({ id: saved.id, name: "Check", updatedBy: staff.id });
    expect((await caller.paymentMethods.get({ id: saved.id })).name).toBe("Check");
  });

  it("says so when the entry asked for does not exist", async () => {
    await expect(callerFor(db, staff).terms.get({ id: 9999 })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "That term does not exist (it may have been deleted).",
    });
  });
});

describe("options for the selects on the forms", () => {
  it("offers active customers matching what was typed, a few at a time, without vendors", async () => {
    const caller = callerFor(db, staff);
    for (const name of ["Pine Ridge Apartments", "Pinecrest Library", "Pine Hollow Farm", "Pine Street Deli"]) {
      await caller.customers.create({ name });
    }
    await caller.customers.create({ name: "Pine Valley Motel", active: false });
    await caller.vendors.create({ name: "Pine Lumber Co" });
    const options = await caller.lookups.customers({ search: "pine", limit: 3 });
    expect(options).toEqual([
      { id: expect.any(Number), name: "Pine Hollow Farm" },
      { id: expect.any(Number), name: "Pine Ridge Apartments" },
      { id: expect.any(Number), name: "Pine Street Deli" },
    ]);
  });

  it("offers every kind of list by name", async () => {
    const caller = callerFor(db, staff);
    await caller.items.create({ kind: "service", name: "Gutter Cleaning", incomeAccount: "Service Income" });
    expect(await caller.lookups.items({ search: "gutter" })).toEqual([{ id: expect.any(Number), name: "Gutter Cleaning" }]);
    expect((await caller.lookups.terms({})).map((option) => option.name)).toEqual(["Due on receipt", "Net 15", "Net 30"]);
    expect((await caller.lookups.salesTaxCodes({})).map((option) => option.name)).toEqual(["Tax"]);
    expect((await caller.lookups.paymentMethods({ search: "vis" })).map((option) => option.name)).toEqual(["Visa"]);
  });

  it("asks for a session before offering anything", async () => {
    await expect(callerFor(db, null).lookups.customers({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
