import { and, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { Queryable } from "@/db";
import { paymentMethods, payments, syncItems } from "@/db/schema";
import { nameKey } from "@/server/records/fields";
import type { EntityType } from "./entities";
import { auditedMove } from "./approval";
import { firstImportDone } from "./first-import";
import { syncSettings, type AutoApproveRule } from "./settings";

/**
 * Automatic approval: candidates matching an admin's rule become pending as if a person had
 * ticked them, each with an audit row whose "who" is the rule in words (approval.ts auditedMove, set-based). The
 * engine calls it after export discovery at the start of a run and when a run's discovery ends. No rules (the
 * default), nothing is approved; exports wait until the first import is done, and a candidate a sync policy holds
 * back (blocked) is never approved.
 */
export async function autoApprove(db: Queryable, now: Date): Promise<number> {
  const { autoApprove: rules } = await syncSettings(db);
  if (rules.length === 0) return 0;
  // Audit rows and moves together (a savepoint when the engine's transaction is already open).
  return db.transaction(async (tx) => {
    const exportsOpen = await firstImportDone(tx);
    let approved = 0;
    for (const rule of rules) {
      if (rule.direction === "export" && !exportsOpen) continue;
      const matching = and(eq(syncItems.state, "candidate"), isNull(syncItems.blockedReason), ruleWhere(rule));
      // user id 0 and approvedBy empty: no person approved it; the audit row names the rule.
      approved += await auditedMove(
        tx,
        { id: 0, name: ruleName(rule) },
        "approve",
        matching,
        "pending",
        { approvedBy: null, approvedAt: now, retries: 0 },
        now,
      );
    }
    return approved;
  });
}

/** Who approved, in the audit log: "Automatic rule: approve payments by Credit Card (export, add)". */
export function ruleName(rule: AutoApproveRule): string {
  const by = rule.paymentMethod ? ` by ${rule.paymentMethod}` : "";
  return `Automatic rule: approve ${PLURALS[rule.entityType]}${by} (${rule.direction}, ${rule.actions.join(", ")})`;
}

const PLURALS: Record<EntityType, string> = {
  paymentMethod: "payment methods",
  terms: "terms",
  salesTaxCode: "sales tax codes",
  salesTaxItem: "sales tax items",
  salesTaxGroup: "sales tax groups",
  item: "items",
  customer: "customers",
  vendor: "vendors",
  invoice: "invoices",
  payment: "payments",
  purchaseOrder: "purchase orders",
  account: "accounts",
  bill: "bills",
  billPayment: "bill payments",
};

function ruleWhere(rule: AutoApproveRule): SQL | undefined {
  const method = rule.paymentMethod === null ? undefined : paidBy(rule.direction, nameKey(rule.paymentMethod));
  return and(
    eq(syncItems.direction, rule.direction),
    eq(syncItems.entityType, rule.entityType),
    inArray(syncItems.action, rule.actions),
    // A payment method names payments only; on any other type (the form never saves one) the rule matches nothing.
    rule.paymentMethod !== null && rule.entityType !== "payment" ? sql`0` : method,
  );
}

/**
 * The payment's method matches, by name and ignoring case. An export carries the local payment's method. An import
 * carries QuickBooks' method in its diff when it differs from the local payment (always, for a new one), and
 * otherwise the local payment has the same method as QuickBooks.
 */
function paidBy(direction: AutoApproveRule["direction"], key: string): SQL {
  const local = sql`(select ${paymentMethods.nameKey} from ${payments} join ${paymentMethods} on ${paymentMethods.id} = ${payments.paymentMethodId} where ${payments.id} = ${syncItems.localId})`;
  if (direction === "export") return sql`${local} = ${key}`;
  const inDiff = sql`(select lower(trim(coalesce(json_extract(change.value, '$.after'), ''))) from json_each(${syncItems.diff}) as change where json_extract(change.value, '$.field') = 'paymentMethod')`;
  return sql`coalesce(${inDiff}, ${local}) = ${key}`;
}
