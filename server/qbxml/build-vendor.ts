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

export type { VendorFields, VendorAddInput, VendorModInput };
export { vendorAddRq, vendorModRq };

interface VendorFields extends PersonNameInput, CommInfoInput {
  readonly isActive?: boolean;
  readonly vendorAddress?: AddressInput;
  readonly shipAddress?: AddressInput;
  readonly nameOnCheck?: string;
  readonly accountNumber?: string;
  readonly notes?: string;
  readonly terms?: RefInput;
  readonly creditLimit?: Cents;
  readonly vendorTaxIdent?: string;
  readonly isVendorEligibleFor1099?: boolean;
}

interface VendorAddInput extends VendorFields {
  /** Shares one name pool with customers, employees and other names (status 3100 on a clash). */
  readonly name: string;
  readonly externalGuid?: string;
}

interface VendorModInput extends VendorFields {
  readonly listId: string;
  readonly editSequence: string;
  readonly name?: string;
}

function vendorAddRq(input: VendorAddInput, options?: RequestOptions): QbxmlRequest {
  return createRequest("VendorAddRq", options, (rq) => {
    const add = aggregate(rq, "VendorAdd", "VendorAdd");
    writeName(add, "Name", input.name, MAX_LENGTH.vendorName);
    writeVendorFields(add, input);
    writeGuid(add, "ExternalGUID", input.externalGuid);
  });
}

function vendorModRq(input: VendorModInput, options?: RequestOptions): QbxmlRequest {
  return createRequest("VendorModRq", options, (rq) => {
    const mod = aggregate(rq, "VendorMod", "VendorMod");
    writeModCore(mod, "ListID", input.listId, input.editSequence);
    writeName(mod, "Name", input.name, MAX_LENGTH.vendorName);
    writeVendorFields(mod, input);
  });
}

/** The part of the VendorAdd and VendorMod sequences that the two share, in schema order. */
function writeVendorFields(scope: Scope, input: VendorFields): void {
  writeBool(scope, "IsActive", input.isActive);
  writeCompanyAndPersonName(scope, input);
  writeAddress(scope, "VendorAddress", input.vendorAddress);
  writeAddress(scope, "ShipAddress", input.shipAddress);
  writeCommInfo(scope, input);
  writeText(scope, "NameOnCheck", input.nameOnCheck, MAX_LENGTH.nameOnCheck);
  writeText(scope, "AccountNumber", input.accountNumber, MAX_LENGTH.accountNumber);
  writeText(scope, "Notes", input.notes, MAX_LENGTH.notes);
  writeRef(scope, "TermsRef", input.terms, MAX_LENGTH.simpleListRefFullName);
  writeAmount(scope, "CreditLimit", input.creditLimit);
  writeText(scope, "VendorTaxIdent", input.vendorTaxIdent, MAX_LENGTH.vendorTaxIdent);
  writeBool(scope, "IsVendorEligibleFor1099", input.isVendorEligibleFor1099);
}
