import type { Role } from "@/lib/roles";
import { adapterFor, type EntityType } from "./entities";
import { guidanceFor } from "./status-codes";

/** What Unsynced Entities says to do about one failure, for this record's type and this reader. */
export interface Advice {
  title: string;
  resolution: string;
  action: string;
  /** The guide's spelling of the code, or null when the guide has no entry for it. */
  guideCode: string | null;
}

interface Failure {
  entityType: EntityType;
  label: string;
  statusCode: string | null;
  statusMessage: string | null;
}

// Names QuickBooks keeps in one pool per list: what a 3100 means for each type, in the office's words.
const NAME_POOL_WORDS: Partial<Record<EntityType, string>> = {
  customer: "customers, vendors and employees share one list of names there",
  vendor: "customers, vendors and employees share one list of names there",
  item: "services, parts and every other kind of item share one list of names there",
  paymentMethod: "payment methods are kept in QuickBooks",
  terms: "terms are kept in QuickBooks",
  salesTaxCode: "sales tax codes are kept in QuickBooks",
  salesTaxItem: "sales tax items share one list of names with every other kind of item there",
  salesTaxGroup: "sales tax groups share one list of names with every other kind of item there",
};

/**
 * The status-code table's guidance, made to fit: a failure found on Ledgerbridge's side says so (QuickBooks did not
 * refuse it) and who fixes it; a name in use says what shares that name in QuickBooks and offers the link when there
 * is one; office staff are not sent to do what only an admin can (Clear ID, sync settings).
 */
export function adviceFor(
  failure: Failure,
  role: Role,
  nameInUse: { canLink: boolean; holder: string | null } = { canLink: false, holder: null },
): Advice {
  const { canLink, holder } = nameInUse;
  const noun = adapterFor(failure.entityType).noun;
  if (failure.statusCode === null) {
    return {
      title: "Found in Ledgerbridge: QuickBooks did not refuse it",
      resolution: `${withStop(failure.statusMessage ?? "Ledgerbridge could not sync it.")} Whoever keeps this ${noun} fixes it on its page here, then presses Resync; if it can never sync, dismiss it with a reason.`,
      action: "fix_then_resync",
      guideCode: null,
    };
  }
  const guidance = guidanceFor(failure.statusCode, failure.statusMessage);
  const guideCode = guidance.kind === "unknown" ? null : guidance.code;
  if (failure.statusCode === "3100") {
    const pool = NAME_POOL_WORDS[failure.entityType] ?? "QuickBooks holds that name already";
    if (holder && !canLink) {
      return {
        title: guidance.title,
        resolution: `QuickBooks gives the name "${failure.label}" to ${holder} (${pool}), which cannot be this ${noun}. Rename it here (add the town or a number) and press Resync, or dismiss it if it should not be in QuickBooks.`,
        action: "rename_then_resync",
        guideCode,
      };
    }
    const same = canLink
      ? `If it is this same ${noun}, use Link to "${failure.label}" in QuickBooks (its fields are shown first).`
      : `If QuickBooks' record of that name is this same ${noun}, the next Web Connector run reads it and offers to link the two.`;
    return {
      title: guidance.title,
      resolution: `QuickBooks already has the name "${failure.label}" (${pool}). ${same} Otherwise rename it here (add the town or a number) and press Resync.`,
      action: canLink ? "link" : guidance.action,
      guideCode,
    };
  }
  const adminOnly = role !== "admin" && /Clear ID|settings|turn off syncing/i.test(guidance.resolution);
  return {
    title: guidance.title,
    resolution: adminOnly
      ? `${guidance.resolution} Clear ID and the sync settings are for admins: ask one to do that part.`
      : guidance.resolution,
    action: guidance.action,
    guideCode,
  };
}

function withStop(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}
