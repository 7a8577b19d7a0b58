import { z } from "zod";
import { SYNC_ENTITY_TYPES } from "@/db/schema";
import type { Queryable } from "@/db";
import { readSetting } from "@/server/settings";
import { type FieldMapping } from "./field-mapping";
import { MAPPED_TYPES, SYNCED_FIELDS, type MappedType } from "@/lib/field-mapping";

export const SYNC_SETTINGS_KEY = "sync.settings";

/** The record types a person can switch off; payment methods, terms, accounts and tax codes always sync. */
export const OPTIONAL_SYNC_TYPES = ["customer", "vendor", "item", "invoice", "payment", "purchaseOrder", "bill", "billPayment"] as const;
export type OptionalSyncType = (typeof OPTIONAL_SYNC_TYPES)[number];

const oneSideOnly = z.enum(["create", "ignore"]);
const PAYMENT_METHOD_NAME = "A payment method name has at most 31 characters, as in QuickBooks.";
/** A calendar date that exists ("2025-02-30" does not), as YYYY-MM-DD. */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Enter a start date such as 2025-01-01, or leave it empty to sync everything." })
  .refine(
    (text) => {
      const date = new Date(`${text}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
    },
    { error: "That start date does not exist in the calendar; pick another, or leave it empty to sync everything." },
  );

/** "Approve payments paid by Credit Card automatically", recorded in the audit log like a person's approval. */
export const autoApproveRuleInput = z.object({
  direction: z.enum(["import", "export"]),
  entityType: z.enum(SYNC_ENTITY_TYPES),
  actions: z.array(z.enum(["add", "modify", "delete"])).min(1, { error: "Choose at least one action the rule approves." }),
  /** Payments only: the rule applies to payments with this method (by name); null for any method. */
  paymentMethod: z.string().trim().min(1).max(31, { error: PAYMENT_METHOD_NAME }).nullable().default(null),
});
export type AutoApproveRule = z.output<typeof autoApproveRuleInput>;

/** Standard synced fields that do not sync, per type: known keys only, and never the name. */
function skippedFields(type: MappedType) {
  const fields = SYNCED_FIELDS[type];
  return z.array(z.string()).superRefine((keys, ctx) => {
    for (const key of keys) {
      const field = fields.find((each) => each.key === key);
      if (!field) ctx.addIssue({ code: "custom", message: `"${key}" is not a synced field of a ${type}.` });
      else if (field.fixed) {
        ctx.addIssue({
          code: "custom",
          message: `The ${field.label.toLowerCase()} of a ${type} always syncs: it is how both sides find the same record.`,
        });
      }
    }
  });
}

/** A QuickBooks custom field (DataExt) read into a local field of customers, vendors or items. */
export const customFieldMappingInput = z.object({
  entityType: z.enum(MAPPED_TYPES),
  quickBooksName: z
    .string()
    .trim()
    .min(1, { error: "Enter the custom field's name as QuickBooks shows it." })
    .max(31, { error: "A QuickBooks custom field name has at most 31 characters (DataExtName)." }),
  localName: z
    .string()
    .trim()
    .min(1, { error: "Enter the name the custom field has in Ledgerbridge." })
    .max(40, { error: "A local field name has at most 40 characters." }),
});

const fieldMappingInput = z
  .object({
    skipped: z.object({ customer: skippedFields("customer"), vendor: skippedFields("vendor"), item: skippedFields("item") }),
    customFields: z.array(customFieldMappingInput).max(30, { error: "Keep to 30 custom field mappings or fewer." }),
  })
  .superRefine((mapping, ctx) => {
    const seen = new Set<string>();
    for (const { entityType, quickBooksName, localName } of mapping.customFields) {
      for (const key of [`qb:${entityType}:${quickBooksName.toLowerCase()}`, `local:${entityType}:${localName.toLowerCase()}`]) {
        if (!seen.has(key)) {
          seen.add(key);
          continue;
        }
        const name = key.startsWith("qb:") ? `QuickBooks field "${quickBooksName}"` : `local name "${localName}"`;
        ctx.addIssue({ code: "custom", path: ["customFields"], message: `The ${name} is mapped twice for ${entityType}s: keep one.` });
      }
    }
  }) satisfies z.ZodType<FieldMapping>;

/**
 * Every sync policy an admin sets on the Settings page. The engine reads them at each run; defaults keep the
 * behaviour of a fresh install: everything syncs, both directions create, a person decides conflicts.
 */
export const syncSettingsInput = z.object({
  /** Requests per QBXMLMsgsRq when draining pending items. */
  batchSize: z.number({ error: "Enter the batch size as a whole number from 1 to 500." }).int().min(1).max(500),
  /** Records found on one side only: create them on the other side, or leave them where they are. */
  onlyInLedgerbridge: oneSideOnly.default("create"),
  onlyInQuickBooks: oneSideOnly.default("create"),
  /** Customers, invoices, payments, purchase orders and bills created before this date are left alone; lists always sync. */
  startDate: isoDate.nullable().default(null),
  /** Payment method names whose payments neither import nor export (e.g. a card terminal that posts by itself). */
  excludedPaymentMethods: z.array(z.string().trim().min(1).max(31, { error: PAYMENT_METHOD_NAME })).default([]),
  syncTypes: z
    .object({
      customer: z.boolean(),
      vendor: z.boolean(),
      item: z.boolean(),
      invoice: z.boolean(),
      payment: z.boolean(),
      // Settings saved before purchase orders and bills synced keep their other choices.
      purchaseOrder: z.boolean().default(true),
      bill: z.boolean().default(true),
      billPayment: z.boolean().default(true),
    })
    .default({
      customer: true,
      vendor: true,
      item: true,
      invoice: true,
      payment: true,
      purchaseOrder: true,
      bill: true,
      billPayment: true,
    }),
  /** A record changed on both sides: ask (one conflict candidate), or let one side win. */
  conflictPolicy: z.enum(["ask", "quickbooks", "ledgerbridge"]).default("ask"),
  /** New invoices of zero amount start as "not for QuickBooks" (NC Only). */
  ncOnlyZeroAmountInvoices: z.boolean().default(false),
  /** On: every final invoice and saved payment is a candidate. Off: only transactions a person chose to send. */
  sendAll: z.boolean().default(true),
  autoApprove: z.array(autoApproveRuleInput).max(20, { error: "Keep to 20 automatic approval rules or fewer." }).default([]),
  /** Standard fields that do not sync, per type, and QuickBooks custom fields read into local ones (import only). */
  fieldMapping: fieldMappingInput.default({ skipped: { customer: [], vendor: [], item: [] }, customFields: [] }),
});
export type SyncSettings = z.output<typeof syncSettingsInput>;

export const DEFAULT_SYNC_SETTINGS: SyncSettings = syncSettingsInput.parse({ batchSize: 50 });
/** Records that QuickBooks found busy (3170/3175/3176/3180) are retried on this many later runs, then listed as failed. */
export const RETRY_LIMIT = 3;
/** Page size of discovery queries that accept an iterator. */
export const DISCOVERY_PAGE_SIZE = 500;

export type SyncSettingName = keyof SyncSettings;

/** The sync settings as read, with the stored fields that could not be read and so take their defaults. */
export interface ReadSyncSettings {
  settings: SyncSettings;
  unreadable: SyncSettingName[];
}

/**
 * The stored settings over the defaults, field by field: a field never stored (added in a later version) or stored
 * in a shape that no longer parses takes its default, and every other field keeps its stored value, so one broken
 * field cannot turn Send All back on or drop a start date.
 */
export async function readSyncSettings(db: Queryable): Promise<ReadSyncSettings> {
  const stored = await readSetting<unknown>(db, SYNC_SETTINGS_KEY);
  // A run reads the settings at nearly every step; the stored value is the same object until it is written again.
  const key = stored === undefined ? NOTHING_STORED : typeof stored === "object" && stored !== null ? stored : undefined;
  if (key === undefined) return parsedSettings(stored);
  const known = readBefore.get(key);
  if (known) return known;
  const read = parsedSettings(stored);
  readBefore.set(key, read);
  return read;
}

const NOTHING_STORED = {};
const readBefore = new WeakMap<object, ReadSyncSettings>();

function parsedSettings(stored: unknown): ReadSyncSettings {
  const names = syncSettingsInput.keyof().options;
  const readable: Partial<Record<SyncSettingName, unknown>> = {};
  const unreadable: SyncSettingName[] = [];
  // Something other than an object (stored by hand) has no field to keep.
  if (stored !== undefined && !isRecord(stored)) unreadable.push(...names);
  const fields = isRecord(stored) ? stored : {};
  for (const name of names) {
    if (fields[name] === undefined) continue;
    if (syncSettingsInput.shape[name].safeParse(fields[name]).success) readable[name] = fields[name];
    else unreadable.push(name);
  }
  // Each field passed on its own and the object has no rule across fields, so this parse succeeds.
  return reported({ settings: syncSettingsInput.parse({ ...DEFAULT_SYNC_SETTINGS, ...readable }), unreadable }, stored);
}

export async function syncSettings(db: Queryable): Promise<SyncSettings> {
  return (await readSyncSettings(db)).settings;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Every run reads the settings many times: the log says what was reset once per stored value, not at each read. */
let warnedAbout: string | undefined;

function reported(read: ReadSyncSettings, stored: unknown): ReadSyncSettings {
  const text = JSON.stringify(stored);
  if (read.unreadable.length > 0 && text !== warnedAbout) {
    warnedAbout = text;
    console.warn(
      `The stored sync settings ${read.unreadable.join(", ")} could not be read and use their defaults until an admin saves the settings.`,
    );
  }
  return read;
}
