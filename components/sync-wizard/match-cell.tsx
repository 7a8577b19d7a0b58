"use client";

import { Link2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { ConflictField } from "@/server/sync/conflicts/fields";
import type { CandidateRow } from "./candidate-columns";
import { ChangeSummary } from "./change-summary";
import { alike } from "./conflict-dialog";

/** Why a match with several possible records has its tick box off. */
export const CHOICE_UNCHECKED = "Several records here may be this one: pick one first. Approve Checked leaves it alone.";

interface Choice {
  localId: number;
  label: string;
  detail: string;
}

/**
 * A Match row's "What changes": the record is already on both sides, never linked. Approving links the two and takes
 * QuickBooks' values for the fields that differ (listed as here → QuickBooks); several possible records are named.
 */
export function MatchCell({ row, onDecide }: { row: CandidateRow; onDecide?: (row: CandidateRow) => void }) {
  const decide = onDecide ? (
    <Button variant="secondary" size="sm" onClick={() => onDecide(row)} aria-label={`Decide the match of ${row.label}`}>
      <Link2 size={16} aria-hidden /> Decide…
    </Button>
  ) : null;
  if (row.matchChoices) {
    const choices = JSON.parse(row.matchChoices) as Choice[];
    return (
      <div className="max-w-md space-y-1 text-slate-700">
        <p>
          <span className="font-semibold text-amber-900">On both sides, {choices.length} possible records here: </span>
          {choices.map((choice) => (choice.detail ? `${choice.label} (${choice.detail})` : choice.label)).join("; ")}. Pick one.
        </p>
        {decide}
      </div>
    );
  }
  const fields = row.diff as unknown as ConflictField[];
  const differing = fields
    .filter((field) => !alike(field.ledgerbridge, field.quickbooks))
    .map((field) => ({ field: field.field, before: field.ledgerbridge, after: field.quickbooks }));
  return (
    <div className="max-w-md space-y-1">
      <p className="text-slate-700">
        <span className="font-semibold text-amber-900">Already in QuickBooks, not linked: </span>
        approving links them and takes QuickBooks&apos; values.
      </p>
      <ChangeSummary diff={differing} action="modify" label={row.label} />
      {decide}
    </div>
  );
}
