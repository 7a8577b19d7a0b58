import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { contacts } from "@/db/schema";
import { nameKey } from "@/server/records/fields";
import type { callerFor } from "./callers";

type Caller = ReturnType<typeof callerFor>;

let counter = 0;

/** What invoices and payments need: a customer, a vendor, a service and a material, and Net 30 terms. */
export async function createInvoiceBasics(caller: Caller) {
  counter += 1;
  // One after another: each create is its own write transaction.
  const customer = await caller.customers.create({ name: `Maple Court HOA ${counter}` });
  const otherCustomer = await caller.customers.create({ name: `Birchwood Dental ${counter}` });
  const vendor = await caller.vendors.create({ name: `Green Valley Supply ${counter}` });
  const mowing = await caller.items.create({
    kind: "service",
    name: `Lawn Mowing ${counter}`,
    salesPrice: "45",
    incomeAccount: "Service Income",
  });
  const mulch = await caller.items.create({
    kind: "non_inventory",
    name: `Mulch ${counter}`,
    salesPrice: "38.5",
    incomeAccount: "Materials Income",
  });
  const net30 = await caller.terms.create({ name: `Net 30 ${counter}`, netDays: 30 });
  return { customer, otherCustomer, vendor, mowing, mulch, net30 };
}

/**
 * Local customers written straight into a database, 500 to an insert in one transaction, as scripts/bench.ts
 * does: for volumes the forms would take minutes to enter. Names are `${prefix} 00001`, `${prefix} 00002`, …
 */
export async function insertLocalCustomers(db: Database, count: number, prefix: string): Promise<void> {
  await db.transaction(async (tx) => {
    for (let start = 0; start < count; start += 500) {
      const rows = [];
      for (let i = start; i < Math.min(count, start + 500); i++) {
        const name = `${prefix} ${String(i + 1).padStart(5, "0")}`;
        rows.push({
          kind: "customer" as const,
          name,
          nameKey: nameKey(name),
          phone: `919-555-${String(i % 10_000).padStart(4, "0")}`,
          billCity: "Raleigh",
          billState: "NC",
        });
      }
      await tx.insert(contacts).values(rows);
    }
  });
}

/** Sets when a customer was created, written straight into a database: as if entered here long ago. */
export async function backdateCustomer(db: Database, name: string, createdAt: Date): Promise<void> {
  const updated = await db
    .update(contacts)
    .set({ createdAt })
    .where(eq(contacts.nameKey, nameKey(name)))
    .returning({ id: contacts.id });
  if (updated.length !== 1) throw new Error(`Expected one customer named ${name}, found ${updated.length}.`);
}
