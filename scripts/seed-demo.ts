import { db } from "@/db";
import { prepareDatabase } from "@/server/bootstrap";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { seedDemo } from "./demo/seed";

// npm run seed:demo [-- --force]: loads the demo company; --force first deletes the records already there.
// No top-level await: package.json has no "type": "module", so tsx runs this file as CommonJS.
async function main() {
  const started = performance.now();
  const database = db();
  await prepareDatabase(database);
  const loaded = await seedDemo(database, { force: process.argv.includes("--force") });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Loaded the demo company into ${env().DATABASE_URL} in ${seconds} s:
  ${loaded.customers} customers, ${loaded.vendors} vendors, ${loaded.items} items
  ${loaded.paymentMethods} payment methods, ${loaded.terms} terms, ${loaded.salesTaxCodes} sales tax codes
  ${loaded.invoices} invoices (${loaded.draftInvoices} drafts), ${loaded.payments} payments (${loaded.partialPayments} partial)
  ${loaded.purchaseOrders} purchase orders
  ${loaded.accounts} accounts (QuickBooks' chart, linked by name at the first run), ${loaded.bills} bills, ${loaded.billPayments} bill payments
Changes are attributed to ${loaded.attributedTo ?? "nobody (no admin yet)"}.`);
}

main().catch((error: unknown) => {
  if (!(error instanceof AppError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
});
