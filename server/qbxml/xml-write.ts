import type { XMLBuilder } from "xmlbuilder2/lib/interfaces";
import { QbxmlFieldError } from "./errors";
import {
  checkDate,
  checkDateTime,
  checkEditSequence,
  checkGuid,
  checkId,
  checkInteger,
  checkName,
  checkNonEmptyList,
  checkText,
} from "./fields";
import { MAX_LENGTH } from "./limits";
import { formatAmount, formatPercent, formatPrice, formatQuantity } from "./money";
import type { AddressInput, Cents, PriceCents, QbDate, QbDateTime, RefInput } from "./types";

export type { Scope };
export {
  aggregate,
  writeText,
  writeName,
  writeId,
  writeIds,
  writeTexts,
  writeModCore,
  writeBool,
  writeInteger,
  writeAmount,
  writePrice,
  writeQuantity,
  writePercent,
  writeDate,
  writeDateTime,
  writeGuid,
  writeGuids,
  writeEnum,
  writeEnums,
  writeRef,
  writeAddress,
  writeEach,
};

/**
 * Where a builder writes: an element plus its field path for error messages. Builders call the
 * writers below in the order of the schema's xsd:sequence; each writer skips an undefined value.
 */
interface Scope {
  readonly node: XMLBuilder;
  readonly path: string;
}

/** A child aggregate; `path` overrides the dotted path (e.g. "CustomerAdd" inside CustomerAddRq). */
function aggregate(parent: Scope, name: string, path = `${parent.path}.${name}`): Scope {
  return { node: parent.node.ele(name), path };
}

function writeEach<T>(parent: Scope, name: string, items: readonly T[] | undefined, write: (scope: Scope, item: T) => void): void {
  items?.forEach((item, index) => write(aggregate(parent, name, `${parent.path}.${name}[${index}]`), item));
}

function writeText(scope: Scope, name: string, value: string | undefined, limit?: number): void {
  if (value === undefined) return;
  scope.node.ele(name).txt(literalText(checkText(field(scope, name), value, limit)));
}

function writeTexts(scope: Scope, name: string, values: readonly string[] | undefined, limit?: number): void {
  values?.forEach((value, index) => {
    scope.node.ele(name).txt(literalText(checkText(`${field(scope, name)}[${index}]`, value, limit)));
  });
}

function writeName(scope: Scope, name: string, value: string | undefined, limit: number): void {
  if (value === undefined) return;
  scope.node.ele(name).txt(literalText(checkName(field(scope, name), value, limit)));
}

function writeId(scope: Scope, name: string, value: string | undefined): void {
  if (value === undefined) return;
  scope.node.ele(name).txt(literalText(checkId(field(scope, name), value)));
}

/** A list of IDs that selects records; an empty list is refused (it would select everything). */
function writeIds(scope: Scope, name: string, values: readonly string[]): void {
  checkNonEmptyList(field(scope, name), values).forEach((value, index) => {
    scope.node.ele(name).txt(literalText(checkId(`${field(scope, name)}[${index}]`, value)));
  });
}

/** ListCoreMod / TxnCoreMod: the ID and the current EditSequence come first in every *Mod. */
function writeModCore(scope: Scope, idName: "ListID" | "TxnID", id: string, editSequence: string): void {
  writeId(scope, idName, id);
  scope.node.ele("EditSequence").txt(literalText(checkEditSequence(field(scope, "EditSequence"), editSequence)));
}

function writeBool(scope: Scope, name: string, value: boolean | undefined): void {
  if (value === undefined) return;
  scope.node.ele(name).txt(literalText(value ? "true" : "false"));
}

function writeInteger(scope: Scope, name: string, value: number | undefined, min?: number): void {
  if (value === undefined) return;
  scope.node.ele(name).txt(literalText(checkInteger(field(scope, name), value, min)));
}

function writeAmount(scope: Scope, name: string, value: Cents | undefined): void {
  if (value === undefined) return;
  scope.node.ele(name).txt(literalText(formatAmount(value, field(scope, name))));
}

function writePrice(scope: Scope, name: string, value: PriceCents | undefined): void {
  if (value === undefined) return;
  scope.node.ele(name).txt(literalText(formatPrice(value, field(scope, name))));
}

function writeQuantity(scope: Scope, name: string, value: number | undefined): void {
  if (value === undefined) return;
  scope.node.ele(name).txt(literalText(formatQuantity(value, field(scope, name))));
}

function writePercent(scope: Scope, name: string, value: number | undefined): void {
  if (value === undefined) return;
  scope.node.ele(name).txt(literalText(formatPercent(value, field(scope, name))));
}

function writeDate(scope: Scope, name: string, value: QbDate | undefined): void {
  if (value === undefined) return;
  scope.node.ele(name).txt(literalText(checkDate(field(scope, name), value)));
}

function writeDateTime(scope: Scope, name: string, value: QbDateTime | undefined): void {
  if (value === undefined) return;
  scope.node.ele(name).txt(literalText(checkDateTime(field(scope, name), value)));
}

function writeGuid(scope: Scope, name: string, value: string | undefined): void {
  if (value === undefined) return;
  scope.node.ele(name).txt(literalText(checkGuid(field(scope, name), value)));
}

function writeGuids(scope: Scope, name: string, values: readonly string[] | undefined): void {
  values?.forEach((value, index) => {
    scope.node.ele(name).txt(literalText(checkGuid(`${field(scope, name)}[${index}]`, value)));
  });
}

/** Enumerations are typed as string unions; the value is written as given. */
function writeEnum(scope: Scope, name: string, value: string | undefined): void {
  if (value === undefined) return;
  scope.node.ele(name).txt(literalText(value));
}

function writeEnums(scope: Scope, name: string, values: readonly string[] | undefined): void {
  values?.forEach((value) => scope.node.ele(name).txt(literalText(value)));
}

/** Any *Ref: ListID before FullName in the schema, and only one of them is sent. */
function writeRef(scope: Scope, name: string, ref: RefInput | undefined, fullNameLimit?: number): void {
  if (ref === undefined) return;
  const refScope = aggregate(scope, name);
  if (ref.listId !== undefined && ref.fullName !== undefined) {
    throw new QbxmlFieldError(refScope.path, "has both a ListID and a FullName; send one of them.");
  }
  if (ref.listId !== undefined) writeId(refScope, "ListID", ref.listId);
  else writeText(refScope, "FullName", ref.fullName, fullNameLimit);
}

/** AddressData group, shared by every address aggregate. */
function writeAddress(scope: Scope, name: string, address: AddressInput | undefined): void {
  if (address === undefined) return;
  const a = aggregate(scope, name);
  writeText(a, "Addr1", address.addr1, MAX_LENGTH.addressLine);
  writeText(a, "Addr2", address.addr2, MAX_LENGTH.addressLine);
  writeText(a, "Addr3", address.addr3, MAX_LENGTH.addressLine);
  writeText(a, "Addr4", address.addr4, MAX_LENGTH.addressLine);
  writeText(a, "Addr5", address.addr5, MAX_LENGTH.addressLine);
  writeText(a, "City", address.city, MAX_LENGTH.city);
  writeText(a, "State", address.state, MAX_LENGTH.state);
  writeText(a, "PostalCode", address.postalCode, MAX_LENGTH.postalCode);
  writeText(a, "Country", address.country, MAX_LENGTH.country);
  writeText(a, "Note", address.note, MAX_LENGTH.addressNote);
}

function field(scope: Scope, name: string): string {
  return `${scope.path}.${name}`;
}

/**
 * xmlbuilder2 leaves text that looks like an entity ("&quot;") unescaped, so a name typed as "A &quot; B"
 * would reach QuickBooks as 'A " B'. Escaping every "&" first makes the text arrive exactly as typed.
 */
function literalText(value: string): string {
  return value.replace(/&/g, "&amp;");
}
