import { createRequest } from "./build-document";
import { MAX_LENGTH } from "./limits";
import type { QbxmlRequest, RefInput, RequestOptions } from "./types";
import { checkNonEmptyList } from "./fields";
import { aggregate, writeBool, writeModCore, writeName, writePercent, writeRef, writeText, type Scope } from "./xml-write";

export type {
  SalesTaxCodeAddInput,
  SalesTaxCodeModInput,
  ItemSalesTaxAddInput,
  ItemSalesTaxModInput,
  ItemSalesTaxGroupAddInput,
  ItemSalesTaxGroupModInput,
};
export { salesTaxCodeAddRq, salesTaxCodeModRq, itemSalesTaxAddRq, itemSalesTaxModRq, itemSalesTaxGroupAddRq, itemSalesTaxGroupModRq };

interface SalesTaxCodeFields {
  readonly isActive?: boolean;
  readonly desc?: string;
}

interface SalesTaxCodeAddInput extends SalesTaxCodeFields {
  readonly name: string;
  /** Required on an Add: whether lines with this code are taxed. */
  readonly isTaxable: boolean;
}

interface SalesTaxCodeModInput extends SalesTaxCodeFields {
  readonly listId: string;
  readonly editSequence: string;
  readonly name?: string;
  readonly isTaxable?: boolean;
}

interface ItemSalesTaxFields {
  readonly isActive?: boolean;
  readonly itemDesc?: string;
  /** Percent, e.g. 8.25. */
  readonly taxRate?: number;
  /** The tax agency: a vendor. */
  readonly taxVendor?: RefInput;
}

interface ItemSalesTaxAddInput extends ItemSalesTaxFields {
  readonly name: string;
}

interface ItemSalesTaxModInput extends ItemSalesTaxFields {
  readonly listId: string;
  readonly editSequence: string;
  readonly name?: string;
}

interface ItemSalesTaxGroupFields {
  readonly isActive?: boolean;
  readonly itemDesc?: string;
}

interface ItemSalesTaxGroupAddInput extends ItemSalesTaxGroupFields {
  readonly name: string;
  /** At least one sales tax item: the schema requires ItemSalesTaxRef on an Add. */
  readonly items: readonly RefInput[];
}

interface ItemSalesTaxGroupModInput extends ItemSalesTaxGroupFields {
  readonly listId: string;
  readonly editSequence: string;
  readonly name?: string;
  /** Given: the group's items from now on. */
  readonly items?: readonly RefInput[];
}

function salesTaxCodeAddRq(input: SalesTaxCodeAddInput, options?: RequestOptions): QbxmlRequest {
  return createRequest("SalesTaxCodeAddRq", options, (rq) => {
    const add = aggregate(rq, "SalesTaxCodeAdd", "SalesTaxCodeAdd");
    writeName(add, "Name", input.name, MAX_LENGTH.salesTaxCodeName);
    writeSalesTaxCodeFields(add, input);
  });
}

function salesTaxCodeModRq(input: SalesTaxCodeModInput, options?: RequestOptions): QbxmlRequest {
  return createRequest("SalesTaxCodeModRq", options, (rq) => {
    const mod = aggregate(rq, "SalesTaxCodeMod", "SalesTaxCodeMod");
    writeModCore(mod, "ListID", input.listId, input.editSequence);
    writeName(mod, "Name", input.name, MAX_LENGTH.salesTaxCodeName);
    writeSalesTaxCodeFields(mod, input);
  });
}

/** IsActive, IsTaxable, Desc: the same order in Add and Mod (the purchase and sales tax item refs are not sent). */
function writeSalesTaxCodeFields(scope: Scope, input: SalesTaxCodeFields & { readonly isTaxable?: boolean }): void {
  writeBool(scope, "IsActive", input.isActive);
  writeBool(scope, "IsTaxable", input.isTaxable);
  writeText(scope, "Desc", input.desc, MAX_LENGTH.salesTaxCodeDesc);
}

function itemSalesTaxAddRq(input: ItemSalesTaxAddInput, options?: RequestOptions): QbxmlRequest {
  return createRequest("ItemSalesTaxAddRq", options, (rq) => {
    const add = aggregate(rq, "ItemSalesTaxAdd", "ItemSalesTaxAdd");
    writeName(add, "Name", input.name, MAX_LENGTH.itemName);
    writeItemSalesTaxFields(add, input);
  });
}

function itemSalesTaxModRq(input: ItemSalesTaxModInput, options?: RequestOptions): QbxmlRequest {
  return createRequest("ItemSalesTaxModRq", options, (rq) => {
    const mod = aggregate(rq, "ItemSalesTaxMod", "ItemSalesTaxMod");
    writeModCore(mod, "ListID", input.listId, input.editSequence);
    writeName(mod, "Name", input.name, MAX_LENGTH.itemName);
    writeItemSalesTaxFields(mod, input);
  });
}

/** IsActive, ItemDesc, TaxRate, TaxVendorRef: the same order in Add and Mod (BarCode and ClassRef are not sent). */
function writeItemSalesTaxFields(scope: Scope, input: ItemSalesTaxFields): void {
  writeBool(scope, "IsActive", input.isActive);
  writeText(scope, "ItemDesc", input.itemDesc, MAX_LENGTH.desc);
  writePercent(scope, "TaxRate", input.taxRate);
  writeRef(scope, "TaxVendorRef", input.taxVendor, MAX_LENGTH.vendorRefFullName);
}

function itemSalesTaxGroupAddRq(input: ItemSalesTaxGroupAddInput, options?: RequestOptions): QbxmlRequest {
  return createRequest("ItemSalesTaxGroupAddRq", options, (rq) => {
    const add = aggregate(rq, "ItemSalesTaxGroupAdd", "ItemSalesTaxGroupAdd");
    writeName(add, "Name", input.name, MAX_LENGTH.itemName);
    writeBool(add, "IsActive", input.isActive);
    writeText(add, "ItemDesc", input.itemDesc, MAX_LENGTH.desc);
    writeItemRefs(add, checkNonEmptyList(`${add.path}.ItemSalesTaxRef`, input.items));
  });
}

function itemSalesTaxGroupModRq(input: ItemSalesTaxGroupModInput, options?: RequestOptions): QbxmlRequest {
  return createRequest("ItemSalesTaxGroupModRq", options, (rq) => {
    const mod = aggregate(rq, "ItemSalesTaxGroupMod", "ItemSalesTaxGroupMod");
    writeModCore(mod, "ListID", input.listId, input.editSequence);
    writeName(mod, "Name", input.name, MAX_LENGTH.itemName);
    writeBool(mod, "IsActive", input.isActive);
    writeText(mod, "ItemDesc", input.itemDesc, MAX_LENGTH.desc);
    writeItemRefs(mod, input.items);
  });
}

/** A group's sales tax items; ItemSalesTaxRef is a SimpleListRef (at most 31 characters). */
function writeItemRefs(scope: Scope, items: readonly RefInput[] | undefined): void {
  for (const item of items ?? []) writeRef(scope, "ItemSalesTaxRef", item, MAX_LENGTH.simpleListRefFullName);
}
