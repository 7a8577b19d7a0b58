import { createRequest } from "./build-document";
import { QbxmlFieldError } from "./errors";
import { MAX_LENGTH } from "./limits";
import type { PriceCents, QbxmlRequest, RefInput, RequestOptions } from "./types";
import {
  aggregate,
  writeBool,
  writeGuid,
  writeModCore,
  writeName,
  writePercent,
  writePrice,
  writeRef,
  writeText,
  type Scope,
} from "./xml-write";

export type {
  SalesOrPurchaseInput,
  SalesAndPurchaseInput,
  ItemFields,
  ItemServiceAddInput,
  ItemServiceModInput,
  ItemNonInventoryAddInput,
  ItemNonInventoryModInput,
};
export { itemServiceAddRq, itemServiceModRq, itemNonInventoryAddRq, itemNonInventoryModRq };

/** An item that is either bought or sold: one description, one price, one account. */
interface SalesOrPurchaseInput {
  readonly desc?: string;
  readonly price?: PriceCents;
  /** Instead of a price: a percentage of the line above it. */
  readonly pricePercent?: number;
  readonly account?: RefInput;
}

/** An item that is both bought and sold (e.g. resold goods). */
interface SalesAndPurchaseInput {
  readonly salesDesc?: string;
  readonly salesPrice?: PriceCents;
  readonly incomeAccount?: RefInput;
  readonly purchaseDesc?: string;
  readonly purchaseCost?: PriceCents;
  readonly expenseAccount?: RefInput;
  readonly prefVendor?: RefInput;
}

/** The schema makes SalesOrPurchase and SalesAndPurchase a choice; an Add must have one. */
type ItemPricing =
  | { readonly salesOrPurchase: SalesOrPurchaseInput; readonly salesAndPurchase?: undefined }
  | { readonly salesAndPurchase: SalesAndPurchaseInput; readonly salesOrPurchase?: undefined };

type ItemPricingChange = ItemPricing | { readonly salesOrPurchase?: undefined; readonly salesAndPurchase?: undefined };

interface ItemFields {
  readonly isActive?: boolean;
  /** Makes this a sub-item; its FullName becomes "Parent:Name". */
  readonly parent?: RefInput;
  readonly salesTaxCode?: RefInput;
}

type ItemServiceAddInput = ItemFields & ItemPricing & { readonly name: string; readonly externalGuid?: string };
type ItemServiceModInput = ItemFields &
  ItemPricingChange & { readonly listId: string; readonly editSequence: string; readonly name?: string };
type ItemNonInventoryAddInput = ItemServiceAddInput & { readonly manufacturerPartNumber?: string };
type ItemNonInventoryModInput = ItemServiceModInput & { readonly manufacturerPartNumber?: string };

function itemServiceAddRq(input: ItemServiceAddInput, options?: RequestOptions): QbxmlRequest {
  return createRequest("ItemServiceAddRq", options, (rq) => {
    const add = aggregate(rq, "ItemServiceAdd", "ItemServiceAdd");
    writeName(add, "Name", input.name, MAX_LENGTH.itemName);
    writeItemHead(add, input);
    writePricing(add, input, "");
    writeGuid(add, "ExternalGUID", input.externalGuid);
  });
}

function itemServiceModRq(input: ItemServiceModInput, options?: RequestOptions): QbxmlRequest {
  return createRequest("ItemServiceModRq", options, (rq) => {
    const mod = aggregate(rq, "ItemServiceMod", "ItemServiceMod");
    writeModCore(mod, "ListID", input.listId, input.editSequence);
    writeName(mod, "Name", input.name, MAX_LENGTH.itemName);
    writeItemHead(mod, input);
    writePricing(mod, input, "Mod");
  });
}

function itemNonInventoryAddRq(input: ItemNonInventoryAddInput, options?: RequestOptions): QbxmlRequest {
  return createRequest("ItemNonInventoryAddRq", options, (rq) => {
    const add = aggregate(rq, "ItemNonInventoryAdd", "ItemNonInventoryAdd");
    writeName(add, "Name", input.name, MAX_LENGTH.itemName);
    writeItemHead(add, input, input.manufacturerPartNumber);
    writePricing(add, input, "");
    writeGuid(add, "ExternalGUID", input.externalGuid);
  });
}

function itemNonInventoryModRq(input: ItemNonInventoryModInput, options?: RequestOptions): QbxmlRequest {
  return createRequest("ItemNonInventoryModRq", options, (rq) => {
    const mod = aggregate(rq, "ItemNonInventoryMod", "ItemNonInventoryMod");
    writeModCore(mod, "ListID", input.listId, input.editSequence);
    writeName(mod, "Name", input.name, MAX_LENGTH.itemName);
    writeItemHead(mod, input, input.manufacturerPartNumber);
    writePricing(mod, input, "Mod");
  });
}

/**
 * IsActive, ParentRef, [ManufacturerPartNumber], SalesTaxCodeRef. (ClassRef, which we do not send,
 * sits before ParentRef in ItemServiceAdd but after it in ItemNonInventoryAdd.)
 */
function writeItemHead(scope: Scope, input: ItemFields, manufacturerPartNumber?: string): void {
  writeBool(scope, "IsActive", input.isActive);
  // ParentRef has no facet; a parent is an item, whose FullName is at most 159 characters.
  writeRef(scope, "ParentRef", input.parent, MAX_LENGTH.listRefFullName);
  writeText(scope, "ManufacturerPartNumber", manufacturerPartNumber, MAX_LENGTH.manufacturerPartNumber);
  writeRef(scope, "SalesTaxCodeRef", input.salesTaxCode, MAX_LENGTH.salesTaxCodeRefFullName);
}

function writePricing(scope: Scope, input: ItemPricingChange, suffix: "" | "Mod"): void {
  if (input.salesOrPurchase !== undefined && input.salesAndPurchase !== undefined) {
    throw new QbxmlFieldError(
      `${scope.path}.SalesAndPurchase${suffix}`,
      `cannot be combined with SalesOrPurchase${suffix}; send one of them.`,
    );
  }
  if (input.salesOrPurchase !== undefined) writeSalesOrPurchase(aggregate(scope, `SalesOrPurchase${suffix}`), input.salesOrPurchase);
  if (input.salesAndPurchase !== undefined) writeSalesAndPurchase(aggregate(scope, `SalesAndPurchase${suffix}`), input.salesAndPurchase);
}

function writeSalesOrPurchase(scope: Scope, input: SalesOrPurchaseInput): void {
  writeText(scope, "Desc", input.desc, MAX_LENGTH.desc);
  if (input.price !== undefined && input.pricePercent !== undefined) {
    throw new QbxmlFieldError(`${scope.path}.PricePercent`, "cannot be combined with Price; send one of them.");
  }
  writePrice(scope, "Price", input.price);
  writePercent(scope, "PricePercent", input.pricePercent);
  writeRef(scope, "AccountRef", input.account, MAX_LENGTH.listRefFullName);
}

function writeSalesAndPurchase(scope: Scope, input: SalesAndPurchaseInput): void {
  writeText(scope, "SalesDesc", input.salesDesc, MAX_LENGTH.desc);
  writePrice(scope, "SalesPrice", input.salesPrice);
  writeRef(scope, "IncomeAccountRef", input.incomeAccount, MAX_LENGTH.listRefFullName);
  writeText(scope, "PurchaseDesc", input.purchaseDesc, MAX_LENGTH.desc);
  writePrice(scope, "PurchaseCost", input.purchaseCost);
  writeRef(scope, "ExpenseAccountRef", input.expenseAccount, MAX_LENGTH.listRefFullName);
  writeRef(scope, "PrefVendorRef", input.prefVendor, MAX_LENGTH.vendorRefFullName);
}
