import { changeOf } from "@/server/audit";
import { adapterFor } from "./entities";
import { SYNCED_FIELDS, MAPPED_TYPES } from "@/lib/field-mapping";
import { OPTIONAL_SYNC_TYPES, type AutoApproveRule, type SyncSettings } from "./settings";

const ONE_SIDE_WORDS = { create: "create it on the other side", ignore: "leave it where it is" } as const;
const CONFLICT_WORDS = { ask: "ask", quickbooks: "QuickBooks wins", ledgerbridge: "Ledgerbridge wins" } as const;
const ACTION_WORDS = { add: "new", modify: "changed", delete: "deleted" } as const;

/**
 * What an admin changed in the sync settings, one sentence per setting, for the audit log: values before and
 * after, and for lists (payment methods left out, automatic approval rules, skipped fields, custom fields) what was
 * added and what was removed. Empty when nothing changed.
 */
export function describeSettingsChanges(before: SyncSettings, after: SyncSettings): string[] {
  const onOff = (value: boolean) => (value ? "on" : "off");
  const changes: (string | null)[] = [
    changeOf("Batch size", String(before.batchSize), String(after.batchSize)),
    changeOf("Only in Ledgerbridge", ONE_SIDE_WORDS[before.onlyInLedgerbridge], ONE_SIDE_WORDS[after.onlyInLedgerbridge]),
    changeOf("Only in QuickBooks", ONE_SIDE_WORDS[before.onlyInQuickBooks], ONE_SIDE_WORDS[after.onlyInQuickBooks]),
    changeOf("Start date", before.startDate ?? "none", after.startDate ?? "none"),
    listChange("Payment methods that do not sync", before.excludedPaymentMethods, after.excludedPaymentMethods),
    ...OPTIONAL_SYNC_TYPES.map((type) => changeOf(`Sync ${pluralNoun(type)}`, onOff(before.syncTypes[type]), onOff(after.syncTypes[type]))),
    changeOf("Changed on both sides", CONFLICT_WORDS[before.conflictPolicy], CONFLICT_WORDS[after.conflictPolicy]),
    changeOf("Zero-amount invoices start as NC Only", onOff(before.ncOnlyZeroAmountInvoices), onOff(after.ncOnlyZeroAmountInvoices)),
    changeOf("Send all final invoices and saved payments", onOff(before.sendAll), onOff(after.sendAll)),
    listChange("Automatic approval rules", before.autoApprove.map(describeRule), after.autoApprove.map(describeRule)),
    ...MAPPED_TYPES.map((type) => {
      const label = (key: string) => SYNCED_FIELDS[type].find((field) => field.key === key)?.label ?? key;
      return listChange(
        `${capitalise(adapterFor(type).noun)} fields that do not sync`,
        before.fieldMapping.skipped[type].map(label),
        after.fieldMapping.skipped[type].map(label),
      );
    }),
    listChange(
      "QuickBooks custom fields read",
      before.fieldMapping.customFields.map((field) => `${field.entityType} "${field.quickBooksName}" into "${field.localName}"`),
      after.fieldMapping.customFields.map((field) => `${field.entityType} "${field.quickBooksName}" into "${field.localName}"`),
    ),
  ];
  return changes.filter((change): change is string => change !== null);
}

/** "Approve new and changed payments paid by Visa from QuickBooks automatically", in fewer words. */
export function describeRule(rule: AutoApproveRule): string {
  const actions = rule.actions.map((action) => ACTION_WORDS[action]).join(" and ");
  const method = rule.entityType === "payment" && rule.paymentMethod ? ` paid by ${rule.paymentMethod}` : "";
  const direction = rule.direction === "import" ? "from QuickBooks" : "to QuickBooks";
  return `${actions} ${pluralNoun(rule.entityType)}${method} ${direction}`;
}

function pluralNoun(type: AutoApproveRule["entityType"]): string {
  const noun = adapterFor(type).noun;
  return noun.endsWith("s") ? noun : `${noun}s`;
}

function listChange(label: string, before: readonly string[], after: readonly string[]): string | null {
  const added = after.filter((value) => !before.includes(value));
  const removed = before.filter((value) => !after.includes(value));
  const parts = [added.length > 0 ? `added ${added.join(", ")}` : null, removed.length > 0 ? `removed ${removed.join(", ")}` : null];
  const said = parts.filter((part) => part !== null);
  return said.length > 0 ? `${label}: ${said.join("; ")}` : null;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
