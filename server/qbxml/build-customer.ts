import { writeCommInfo, writeCompanyAndPersonName, type CommInfoInput, type PersonNameInput } from "./build-contact-fields";
import { createRequest } from "./build-document";
import { MAX_LENGTH } from "./limits";
import type { AddressInput, Cents, QbxmlRequest, RefInput, RequestOptions } from "./types";
import {
  aggregate,
  writeAddress,
  writeAmount,
  writeBool,
  writeGuid,
  writeModCore,
  writeName,
  writeRef,
  writeText,
  type Scope,
} from "./xml-write";

export type { CustomerFields, CustomerAddInput, CustomerModInput };
export { customerAddRq, customerModRq };

interface CustomerFields extends PersonNameInput, CommInfoInput {
  readonly isActive?: boolean;
  /** Makes this customer a job of the parent; its FullName becomes "Parent:Name". */
  readonly parent?: RefInput;
  readonly billAddress?: AddressInput;
  readonly shipAddress?: AddressInput;
  readonly terms?: RefInput;
  readonly salesTaxCode?: RefInput;
  readonly itemSalesTax?: RefInput;
  readonly resaleNumber?: string;
  readonly accountNumber?: string;
  readonly creditLimit?: Cents;
  readonly notes?: string;
}

interface CustomerAddInput extends CustomerFields {
  /** Shares one name pool with vendors, employees and other names (status 3100 on a clash). */
  readonly name: string;
  readonly externalGuid?: string;
}

interface CustomerModInput extends CustomerFields {
  readonly listId: string;
  readonly editSequence: string;
  readonly name?: string;
}

function customerAddRq(input: CustomerAddInput, options?: RequestOptions): QbxmlRequest {
  return createRequest("CustomerAddRq", options, (rq) => {
    const add = aggregate(rq, "CustomerAdd", "CustomerAdd");
    writeName(add, "Name", input.name, MAX_LENGTH.customerName);
    writeCustomerFields(add, input);
    writeGuid(add, "ExternalGUID", input.externalGuid);
  });
}

function customerModRq(input: CustomerModInput, options?: RequestOptions): QbxmlRequest {
  return createRequest("CustomerModRq", options, (rq) => {
    const mod = aggregate(rq, "CustomerMod", "CustomerMod");
    writeModCore(mod, "ListID", input.listId, input.editSequence);
    writeName(mod, "Name", input.name, MAX_LENGTH.customerName);
    writeCustomerFields(mod, input);
  });
}

/** The part of the CustomerAdd and CustomerMod sequences that the two share, in schema order. */
function writeCustomerFields(scope: Scope, input: CustomerFields): void {
  writeBool(scope, "IsActive", input.isActive);
  // ParentRef has no facet; a parent is a customer, whose FullName is at most 209 characters.
  writeRef(scope, "ParentRef", input.parent, MAX_LENGTH.customerRefFullName);
  writeCompanyAndPersonName(scope, input);
  writeAddress(scope, "BillAddress", input.billAddress);
  writeAddress(scope, "ShipAddress", input.shipAddress);
  writeCommInfo(scope, input);
  writeRef(scope, "TermsRef", input.terms, MAX_LENGTH.simpleListRefFullName);
  writeRef(scope, "SalesTaxCodeRef", input.salesTaxCode, MAX_LENGTH.salesTaxCodeRefFullName);
  writeRef(scope, "ItemSalesTaxRef", input.itemSalesTax, MAX_LENGTH.simpleListRefFullName);
  writeText(scope, "ResaleNumber", input.resaleNumber, MAX_LENGTH.resaleNumber);
  writeText(scope, "AccountNumber", input.accountNumber, MAX_LENGTH.accountNumber);
  writeAmount(scope, "CreditLimit", input.creditLimit);
  writeText(scope, "Notes", input.notes, MAX_LENGTH.notes);
}
