import type { Books } from "./books";
import { findTooLong, type Aggregate, type FieldSpec, type Value } from "./fields";
import { statusMessages, StatusError } from "./status";

export { prepareInput, mergeFields, toQuickBooksText };

/**
 * What every Add and Mod does to its input before using it: text becomes what QuickBooks can store,
 * lengths are checked (3070) and refs are resolved to {ListID, FullName} (3140). `where` words the 3140
 * message ("Customer", "Invoice"); lines of a transaction say "<where> line".
 */
function prepareInput(books: Books, input: Aggregate, specs: readonly FieldSpec[], where: string): Aggregate {
  const text = toQuickBooksAggregate(input);
  const tooLong = findTooLong(text, specs);
  if (tooLong) throw new StatusError(3070, statusMessages.stringTooLong(tooLong.value, tooLong.field));
  return resolveRefs(books, text, specs, where);
}

function resolveRefs(books: Books, values: Aggregate, specs: readonly FieldSpec[], where: string): Aggregate {
  const resolved: Aggregate = { ...values };
  for (const spec of specs) {
    const value = values[spec.name];
    if (value === undefined || typeof value === "string") continue;
    const type = spec.type;
    if (type.kind === "ref") {
      // A repeated ref (a sales tax group's items) resolves each one.
      resolved[spec.name] = Array.isArray(value)
        ? value.map((item) => books.resolveRef(type.lists, item as Aggregate, where))
        : books.resolveRef(type.lists, value, where);
    } else if (type.kind === "group") {
      const nestedWhere = spec.repeat ? `${where} line` : where;
      resolved[spec.name] = Array.isArray(value)
        ? value.map((item) => resolveRefs(books, item as Aggregate, type.fields, nestedWhere))
        : resolveRefs(books, value, type.fields, nestedWhere);
    }
  }
  return resolved;
}

/**
 * A Mod's changes onto stored fields: an empty element clears the field, an aggregate (an address, an
 * item's pricing) changes only the elements it names, a repeated element replaces the list.
 */
function mergeFields(target: Aggregate, changes: Aggregate, specs: readonly FieldSpec[]): void {
  for (const spec of specs) {
    const change = changes[spec.name];
    if (change === undefined || spec.name === "ListID" || spec.name === "TxnID" || spec.name === "EditSequence") continue;
    if (change === "") {
      delete target[spec.name];
    } else if (spec.type.kind === "group" && !spec.repeat && typeof change === "object" && !Array.isArray(change)) {
      const current = target[spec.name];
      const merged: Aggregate = typeof current === "object" && !Array.isArray(current) ? { ...current } : {};
      mergeFields(merged, change, spec.type.fields);
      target[spec.name] = merged;
      if (spec.choice) clearOtherChoices(target, specs, spec);
    } else {
      target[spec.name] = change;
      if (spec.choice) clearOtherChoices(target, specs, spec);
    }
  }
}

function clearOtherChoices(target: Aggregate, specs: readonly FieldSpec[], chosen: FieldSpec): void {
  for (const other of specs) {
    if (other.choice === chosen.choice && other.name !== chosen.name) delete target[other.name];
  }
}

/**
 * QuickBooks Desktop stores Windows-1252 text; other characters come back as "?" (reference README,
 * "Character set and escaping"), which is what a sync that skips transliteration will see.
 */
function toQuickBooksText(value: string): string {
  return /[^\u0000-\u00ff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]/u.test(value)
    ? value.replace(/[^\u0000-\u00ff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]/gu, "?")
    : value;
}

function toQuickBooksAggregate(values: Aggregate): Aggregate {
  const result: Aggregate = {};
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined) result[name] = toQuickBooksValue(value);
  }
  return result;
}

function toQuickBooksValue(value: Value): Value {
  if (typeof value === "string") return toQuickBooksText(value);
  if (Array.isArray(value)) return value.map(toQuickBooksValue);
  return toQuickBooksAggregate(value);
}
