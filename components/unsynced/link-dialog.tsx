"use client";

import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import { fieldLabel, fieldValue } from "@/components/sync-wizard/field-words";
import { ENTITY_WORDS } from "@/components/sync/words";
import type { UnsyncedRow } from "./unsynced-columns";

interface LinkDialogProps {
  row: UnsyncedRow | null;
  onClose: () => void;
  onLink: (choose: "quickbooks" | "ledgerbridge") => void;
  pending: boolean;
  error: string | null;
}

/**
 * Link to "<name>" in QuickBooks: after a 3100, QuickBooks' record of that name is shown field by field first, then
 * linked in one click, taking its values here or sending ours there. Nothing new is created on either side.
 */
export function LinkDialog({ row, onClose, onLink, pending, error }: LinkDialogProps) {
  const target = row?.linkTo ?? null;
  const noun = row ? ENTITY_WORDS[row.entityType].label.toLowerCase() : "record";
  const fields = Object.entries(target?.fields ?? {}).filter(([, value]) => value !== null && value !== "");
  return (
    <Dialog
      open={row !== null && target !== null}
      onOpenChange={(open) => !open && onClose()}
      title={`Link to "${target?.label ?? ""}" in QuickBooks`}
      description={`QuickBooks already has a ${noun} of this name. If it is the same one, link the two instead of creating another.`}
      footer={
        <>
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button variant="secondary" disabled={pending} onClick={() => onLink("ledgerbridge")}>
            Link and send ours
          </Button>
          <Button disabled={pending} onClick={() => onLink("quickbooks")}>
            {pending ? "Linking…" : "Link and take QuickBooks' values"}
          </Button>
        </>
      }
    >
      {error ? <Alert className="mb-3">{error}</Alert> : null}
      <p className="mb-2 text-sm text-slate-700">QuickBooks&apos; record, as the last Web Connector run read it:</p>
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 rounded-md bg-slate-50 p-3 text-sm">
        {fields.map(([field, value]) => (
          <div key={field} className="contents">
            <dt className="font-medium text-slate-600">{fieldLabel(field)}</dt>
            <dd className="break-words text-slate-900">{fieldValue(field, value)}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-sm text-slate-600">
        <strong>Take QuickBooks&apos; values</strong> writes them over this {noun} here on the next run. <strong>Send ours</strong> links
        now and sends this {noun}&apos;s values to QuickBooks as a change.
      </p>
    </Dialog>
  );
}
