import { LIST_WORDS, type Books } from "./books";
import { mergeFields, prepareInput } from "./edits";
import type { Aggregate, ListKind } from "./fields";
import { LAYOUTS } from "./layouts";
import { statusMessages, StatusError } from "./status";
import { nameKey, type SimRecord } from "./store";

export { addListRecord, modListRecord, changeListRecord, deleteListRecord, setCustomField };

/** What QuickBooks fills in on an Add when the request leaves it out. */
const LIST_DEFAULTS: Partial<Record<ListKind, Aggregate>> = {
  Customer: { IsActive: "true", JobStatus: "None" },
  Vendor: { IsActive: "true", IsTaxAgency: "false", IsVendorEligibleFor1099: "false" },
};

/** *Add: 3070, 3140, 3100 and 3180 in that order, then the new record. */
function addListRecord(books: Books, kind: ListKind, input: Aggregate): SimRecord {
  const fields = prepareInput(books, input, LAYOUTS[kind], LIST_WORDS[kind].split(":")[0]!);
  const name = fields.Name as string;
  const fullName = fullNameFor(books, fields, name);
  if (books.store.nameHolder(kind, fullName)) throw new StatusError(3100, statusMessages.nameInUse(name));
  books.checkNotInUse(undefined, kind, name);
  const now = books.nowMs();
  const record: SimRecord = {
    kind,
    id: books.store.nextListId(now),
    created: now,
    modified: now,
    editSequence: Math.floor(now / 1000),
    fields: { IsActive: "true", ...LIST_DEFAULTS[kind], ...fields },
  };
  books.store.insert(record, fullName);
  return record;
}

/** *Mod: 3120 for an unknown ListID, 3200 for a stale EditSequence, then as an Add. */
function modListRecord(books: Books, kind: ListKind, input: Aggregate): SimRecord {
  return changeListRecord(books, books.recordToModify(kind, input), input);
}

/** Changes a list record as a person in QuickBooks would: no EditSequence to match. */
function changeListRecord(books: Books, record: SimRecord, input: Aggregate): SimRecord {
  const kind = record.kind as ListKind;
  const changes = prepareInput(books, input, LAYOUTS[kind], LIST_WORDS[kind].split(":")[0]!);
  const oldFullName = books.fullNameOf(record)!;
  const name = (changes.Name as string | undefined) ?? (record.fields.Name as string);
  const renamed = changes.Name !== undefined || changes.ParentRef !== undefined;
  const newParentId = (changes.ParentRef as Aggregate | undefined)?.ListID;
  if (newParentId !== undefined && [record, ...books.descendantsOf(record)].some((each) => each.id === newParentId)) {
    throw new StatusError(
      3180,
      `There was an error when saving a ${LIST_WORDS[kind]} list, element "${oldFullName}". QuickBooks error message: A list element cannot be placed under itself.`,
    );
  }
  const fullName = renamed ? fullNameFor(books, { ...record.fields, ...changes }, name) : oldFullName;
  if (renamed && nameKey(fullName) !== nameKey(oldFullName)) {
    const holder = books.store.nameHolder(kind, fullName);
    if (holder && holder !== record) throw new StatusError(3100, statusMessages.nameInUse(name));
  }
  books.checkNotInUse(record, kind, oldFullName);
  // A rename moves the record's jobs or sub-items with it: their full names change too.
  const moved = renamed ? [record, ...books.descendantsOf(record)] : [];
  const oldNames = moved.map((each) => books.fullNameOf(each)!);
  moved.forEach((each, index) => books.store.releaseName(each, oldNames[index]!));
  mergeFields(record.fields, changes, LAYOUTS[kind]);
  for (const each of moved) books.store.claimName(each, books.fullNameOf(each)!);
  books.touch(record);
  return record;
}

/**
 * A person fills in (or, with "", clears) a public custom field of a list record in QuickBooks, e.g. on the
 * Additional Info tab of a customer: it is a DataExtRet with OwnerID 0, and saving the record touches it.
 */
function setCustomField(books: Books, record: SimRecord, name: string, value: string): SimRecord {
  // DataExtName is at most 31 characters; a public custom field's value is a STR255TYPE.
  if (name.length > 31) throw new StatusError(3070, statusMessages.stringTooLong(name, "DataExtName"));
  if (value.length > 255) throw new StatusError(3070, statusMessages.stringTooLong(value, "DataExtValue"));
  books.checkNotInUse(record, record.kind, books.fullNameOf(record) ?? name);
  const others = ((record.fields.DataExtRet as Aggregate[] | undefined) ?? []).filter(
    (field) => !(field.OwnerID === "0" && nameKey(String(field.DataExtName)) === nameKey(name)),
  );
  const field: Aggregate = { OwnerID: "0", DataExtName: name, DataExtType: "STR255TYPE", DataExtValue: value };
  const fields = value === "" ? others : [...others, field];
  if (fields.length > 0) record.fields.DataExtRet = fields;
  else delete record.fields.DataExtRet;
  books.touch(record);
  return record;
}

/** Removes a list record as QuickBooks' Delete does; it then shows in ListDeletedQuery. */
function deleteListRecord(books: Books, record: SimRecord): void {
  if (books.descendantsOf(record).length > 0) {
    throw new Error(`${books.fullNameOf(record)} has jobs or sub-items; QuickBooks deletes those first.`);
  }
  const fullName = books.fullNameOf(record);
  books.store.remove(record, books.nowMs(), fullName, fullName);
}

function fullNameFor(books: Books, fields: Aggregate, name: string): string {
  const parentId = (fields.ParentRef as Aggregate | undefined)?.ListID as string | undefined;
  const parent = parentId ? books.store.get(parentId) : undefined;
  return parent ? `${books.fullNameOf(parent)}:${name}` : name;
}
