import { parseFault } from "./status";
import { DATE_PATTERN, DATETIME_PATTERN } from "./time";
import type { XmlNode, XmlWriter } from "./xml";

export type { Mode, Value, Aggregate, FieldType, FieldSpec, ListKind };
export {
  field,
  text,
  ref,
  group,
  oneOf,
  ID,
  BOOL,
  INT,
  AMOUNT,
  DECIMAL,
  DATE,
  DATETIME,
  GUID,
  OPAQUE,
  UNMODELED,
  NOT_MODELED,
  readAggregate,
  findTooLong,
  writeAggregate,
};

/**
 * Where an element appears: in an *Add, a *Mod, a *Ret, or a query request. A field table lists every
 * element of one record type in schema order (qbxml130.xsd); each field says in which of these it exists.
 */
type Mode = "add" | "mod" | "ret" | "query";

/** Records and parsed requests are kept as element name → value, so one table reads and writes them. */
type Value = string | Aggregate | Value[];
interface Aggregate {
  [name: string]: Value | undefined;
}

type ListKind =
  | "Customer"
  | "Vendor"
  | "Employee"
  | "ItemService"
  | "ItemNonInventory"
  | "ItemSalesTax"
  | "ItemSalesTaxGroup"
  | "PaymentMethod"
  | "StandardTerms"
  | "SalesTaxCode"
  | "Account"
  | "Class";

type FieldType =
  | { readonly kind: "text"; readonly max?: number }
  | { readonly kind: "id" }
  | { readonly kind: "bool" }
  | { readonly kind: "int" }
  | { readonly kind: "amount" }
  /** PRICETYPE, QUANTYPE and PERCENTTYPE share one pattern. */
  | { readonly kind: "decimal" }
  | { readonly kind: "date" }
  | { readonly kind: "datetime" }
  | { readonly kind: "guid" }
  | { readonly kind: "enum"; readonly values: readonly string[] }
  | { readonly kind: "ref"; readonly lists: readonly ListKind[]; readonly max?: number }
  | { readonly kind: "group"; readonly fields: readonly FieldSpec[] }
  /** In the schema but not modelled: accepted with any content, never stored or returned. */
  | { readonly kind: "opaque" }
  /** A query filter the simulator does not model: read as NOT_MODELED so the query can refuse it. */
  | { readonly kind: "unmodeled" };

interface FieldSpec {
  /** The element name in *Ret (and wherever `alias` does not say otherwise). */
  readonly name: string;
  readonly type: FieldType;
  readonly modes: ReadonlySet<Mode>;
  readonly repeat: boolean;
  readonly required: ReadonlySet<Mode>;
  /** The element name in another mode, e.g. InvoiceLineAdd for InvoiceLineRet. */
  readonly alias: Readonly<Partial<Record<Mode, string>>>;
  /** Fields sharing a choice key are an xsd:choice: at most one of them may be present. */
  readonly choice?: string;
}

const MODE_LETTERS: Record<string, Mode> = { a: "add", m: "mod", r: "ret", q: "query" };

function modeSet(letters: string): ReadonlySet<Mode> {
  return new Set([...letters].map((letter) => MODE_LETTERS[letter]!));
}

/** One table row: `modes` and `required` are letters, a=add m=mod r=ret q=query. */
function field(
  name: string,
  type: FieldType,
  modes: string,
  options: { repeat?: boolean; required?: string; alias?: Partial<Record<Mode, string>>; choice?: string } = {},
): FieldSpec {
  return {
    name,
    type,
    modes: modeSet(modes),
    repeat: options.repeat ?? false,
    required: modeSet(options.required ?? ""),
    alias: options.alias ?? {},
    choice: options.choice,
  };
}

const text = (max?: number): FieldType => ({ kind: "text", max });
const ref = (lists: ListKind | readonly ListKind[], max?: number): FieldType => ({
  kind: "ref",
  lists: typeof lists === "string" ? [lists] : lists,
  max,
});
const group = (fields: readonly FieldSpec[]): FieldType => ({ kind: "group", fields });
const oneOf = (...values: string[]): FieldType => ({ kind: "enum", values });
const ID: FieldType = { kind: "id" };
const BOOL: FieldType = { kind: "bool" };
const INT: FieldType = { kind: "int" };
const AMOUNT: FieldType = { kind: "amount" };
const DECIMAL: FieldType = { kind: "decimal" };
const DATE: FieldType = { kind: "date" };
const DATETIME: FieldType = { kind: "datetime" };
const GUID: FieldType = { kind: "guid" };
const OPAQUE: FieldType = { kind: "opaque" };
const UNMODELED: FieldType = { kind: "unmodeled" };
const NOT_MODELED = "(not modelled)";

const REF_FIELDS: readonly FieldSpec[] = [
  field("ListID", ID, "amrq", { choice: "ref" }),
  field("FullName", text(), "amrq", { choice: "ref" }),
];

function elementName(spec: FieldSpec, mode: Mode): string {
  return spec.alias[mode] ?? spec.name;
}

const indexCache = new WeakMap<readonly FieldSpec[], Map<Mode, Map<string, number>>>();

/** Element name → position in the table, for the fields that exist in `mode`. */
function positions(specs: readonly FieldSpec[], mode: Mode): Map<string, number> {
  let byMode = indexCache.get(specs);
  if (!byMode) indexCache.set(specs, (byMode = new Map()));
  let index = byMode.get(mode);
  if (!index) {
    index = new Map();
    specs.forEach((spec, position) => {
      if (spec.modes.has(mode)) index!.set(elementName(spec, mode), position);
    });
    byMode.set(mode, index);
  }
  return index;
}

/**
 * Reads an aggregate of a request the way QuickBooks' parser does: every child must be an element the
 * schema allows there, in schema order, with a value of the right type; otherwise the whole message set
 * fails (a QuickBooksFault, HRESULT 0x80040400). Lengths are checked later, per request (status 3070).
 */
function readAggregate(node: XmlNode, specs: readonly FieldSpec[], mode: Mode, path = node.name): Aggregate {
  const index = positions(specs, mode);
  const result: Aggregate = {};
  const choices = new Map<string, string>();
  let last = -1;
  for (const child of node.children) {
    const position = index.get(child.name);
    if (position === undefined) throw parseFault(`${path}: <${child.name}> is not allowed here.`);
    const spec = specs[position]!;
    if (position < last) {
      throw parseFault(`${path}: <${child.name}> is out of schema order; it must come before <${elementName(specs[last]!, mode)}>.`);
    }
    if (position === last && !spec.repeat) throw parseFault(`${path}: <${child.name}> appears twice.`);
    last = position;
    if (spec.choice) {
      const chosen = choices.get(spec.choice);
      if (chosen && chosen !== spec.name) throw parseFault(`${path}: <${child.name}> cannot be combined with <${chosen}>.`);
      choices.set(spec.choice, spec.name);
    }
    const value = readValue(child, spec.type, mode, `${path}.${child.name}`);
    if (value === undefined) continue;
    if (spec.repeat) ((result[spec.name] ??= []) as Value[]).push(value);
    else result[spec.name] = value;
  }
  for (const spec of specs) {
    if (spec.required.has(mode) && result[spec.name] === undefined) {
      throw parseFault(`${path}: the required element <${elementName(spec, mode)}> is missing.`);
    }
  }
  return result;
}

const PATTERNS: Partial<Record<FieldType["kind"], RegExp>> = {
  bool: /^(true|false|1|0)$/,
  int: /^[+-]?\d+$/,
  amount: /^[+-]?\d{1,13}(\.\d{2})?$/,
  decimal: /^[+-]?\d{1,10}(\.\d{1,5})?$/,
  date: DATE_PATTERN,
  datetime: DATETIME_PATTERN,
  guid: /^(0|\{[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\})$/,
};

/** A typed value; undefined for an opaque element or an empty typed one (the schema allows "" there). */
function readValue(node: XmlNode, type: FieldType, mode: Mode, path: string): Value | undefined {
  switch (type.kind) {
    case "opaque":
      return undefined;
    case "unmodeled":
      return NOT_MODELED;
    case "group":
      return readAggregate(node, type.fields, mode, path);
    case "ref":
      return readAggregate(node, REF_FIELDS, mode, path);
    default: {
      if (node.children.length > 0) throw parseFault(`${path} holds elements where a value belongs.`);
      const value = node.text;
      if (type.kind === "text") return value;
      const trimmed = value.trim();
      if (type.kind === "id") {
        if (trimmed.length > 36) throw parseFault(`${path} "${trimmed}" is longer than an ID (36 characters).`);
        return trimmed;
      }
      if (type.kind === "enum") {
        if (!type.values.includes(trimmed)) throw parseFault(`${path} "${trimmed}" is not one of ${type.values.join(", ")}.`);
        return trimmed;
      }
      if (trimmed === "") return undefined;
      if (!PATTERNS[type.kind]!.test(trimmed)) throw parseFault(`${path} "${trimmed}" is not a valid ${type.kind}.`);
      if (type.kind === "bool") return trimmed === "true" || trimmed === "1" ? "true" : "false";
      return trimmed;
    }
  }
}

/** The first text longer than its schema limit (status 3070), searching nested aggregates too. */
function findTooLong(values: Aggregate, specs: readonly FieldSpec[]): { field: string; value: string } | undefined {
  for (const spec of specs) {
    const value = values[spec.name];
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      const found = tooLong(spec, item);
      if (found) return found;
    }
  }
  return undefined;
}

function tooLong(spec: FieldSpec, value: Value): { field: string; value: string } | undefined {
  const type = spec.type;
  if (type.kind === "text" && typeof value === "string" && type.max !== undefined && value.length > type.max) {
    return { field: spec.name, value };
  }
  if (type.kind === "ref" && typeof value === "object" && !Array.isArray(value)) {
    const fullName = value.FullName;
    if (typeof fullName === "string" && type.max !== undefined && fullName.length > type.max) return { field: spec.name, value: fullName };
  }
  if (type.kind === "group" && typeof value === "object" && !Array.isArray(value)) return findTooLong(value, type.fields);
  return undefined;
}

interface WriteOptions {
  /** IncludeRetElement: only these top-level elements are returned. */
  readonly include?: ReadonlySet<string>;
  /** The current FullName of a list record, so a ref shows a rename made after it was set. */
  readonly fullNameOf: (listId: string) => string | undefined;
}

const retCache = new WeakMap<readonly FieldSpec[], readonly { spec: FieldSpec; element: string }[]>();

/** The fields of a table that a *Ret has, with their element names (computed once per table). */
function retFields(specs: readonly FieldSpec[]) {
  let fields = retCache.get(specs);
  if (!fields) {
    fields = specs.filter((spec) => spec.modes.has("ret")).map((spec) => ({ spec, element: elementName(spec, "ret") }));
    retCache.set(specs, fields);
  }
  return fields;
}

/** Writes a *Ret aggregate's children in table order. */
function writeAggregate(writer: XmlWriter, values: Aggregate, specs: readonly FieldSpec[], options: WriteOptions): void {
  for (const { spec, element } of retFields(specs)) {
    const value = values[spec.name];
    if (value === undefined || (options.include && !options.include.has(spec.name))) continue;
    if (Array.isArray(value)) for (const item of value) writeValue(writer, element, spec.type, item, options);
    else writeValue(writer, element, spec.type, value, options);
  }
}

function writeValue(writer: XmlWriter, name: string, type: FieldType, value: Value, options: WriteOptions): void {
  if (typeof value === "string") {
    writer.leaf(name, value);
    return;
  }
  if (Array.isArray(value)) return;
  if (type.kind === "ref") {
    const listId = value.ListID as string | undefined;
    const fullName = (listId && options.fullNameOf(listId)) ?? (value.FullName as string | undefined);
    writer.open(name);
    if (listId) writer.leaf("ListID", listId);
    if (fullName !== undefined) writer.leaf("FullName", fullName);
    writer.close(name);
  } else if (type.kind === "group") {
    writer.open(name);
    writeAggregate(writer, value, type.fields, { fullNameOf: options.fullNameOf });
    writer.close(name);
  }
}
