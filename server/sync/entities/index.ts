import type { EntityAdapter, EntityType } from "./types";
import { contactAdapter } from "./contacts";
import { itemAdapter } from "./items";
import { paymentMethodAdapter, salesTaxCodeAdapter, termsAdapter } from "./simple-lists";
import { salesTaxGroupAdapter, salesTaxItemAdapter } from "./sales-tax-items";
import { invoiceAdapter } from "./invoices";
import { paymentAdapter } from "./payments";
import { purchaseOrderAdapter } from "./purchase-orders";
import { accountAdapter } from "./accounts";
import { billAdapter } from "./bills";
import { billPaymentAdapter } from "./bill-payments";

export { ImportWaiting } from "./types";
export type { EntityAdapter, EntityType, SyncFields, ParentRef, RefResolver, DiscoveryQuery, LocalRecordOf } from "./types";

/** Every record type the engine syncs, in drain order: a parent's type always comes before its children's. */
export const ADAPTERS: readonly EntityAdapter[] = [
  paymentMethodAdapter,
  termsAdapter,
  salesTaxCodeAdapter,
  accountAdapter,
  itemAdapter,
  contactAdapter("vendor"),
  salesTaxItemAdapter,
  salesTaxGroupAdapter,
  contactAdapter("customer"),
  invoiceAdapter,
  purchaseOrderAdapter,
  billAdapter,
  paymentAdapter,
  billPaymentAdapter,
] as EntityAdapter[];

const BY_TYPE = new Map(ADAPTERS.map((adapter) => [adapter.type, adapter]));

export function adapterFor(type: EntityType): EntityAdapter {
  const adapter = BY_TYPE.get(type);
  if (!adapter) throw new Error(`No sync adapter for ${type}.`);
  return adapter;
}
