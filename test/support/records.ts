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
