"use client";

import { useState } from "react";
import { plural } from "@/lib/words";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import { CheckboxField } from "@/components/ui/field";

/** The records to clear: every id, and the names of those on the page (a selection may span pages). */
export interface ClearIdTarget {
  ids: number[];
  labels: string[];
}

interface ClearIdDialogProps {
  target: ClearIdTarget | null;
  onClose: () => void;
  onConfirm: (resyncAfter: boolean) => void;
  pending: boolean;
  error: string | null;
}

/** Clear ID says what it is for, and what the next sync does when the record still exists in QuickBooks, before it acts. */
export function ClearIdDialog({ target, onClose, onConfirm, pending, error }: ClearIdDialogProps) {
  const [resyncAfter, setResyncAfter] = useState(true);
  const count = target?.ids.length ?? 0;
  const labels = target?.labels ?? [];
  return (
    <Dialog
      open={target !== null}
      onOpenChange={(open) => !open && onClose()}
      title={
        count === 1
          ? `Clear the QuickBooks ID of ${labels[0] ?? "this record"}?`
          : `Clear the QuickBooks IDs of ${plural(count, "record")}?`
      }
      description="Clear ID is for records that were deleted in QuickBooks."
      footer={
        <>
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button variant="danger" disabled={pending} onClick={() => onConfirm(resyncAfter)}>
            {pending ? "Clearing…" : count === 1 ? "Clear ID" : `Clear ${count} IDs`}
          </Button>
        </>
      }
    >
      {error ? <Alert className="mb-3">{error}</Alert> : null}
      <div className="space-y-3">
        <p>
          Ledgerbridge forgets which QuickBooks record {count === 1 ? "this record is" : "these records are"} linked to. Before you go on,
          open QuickBooks and check that {count === 1 ? "it was" : "they were"} really deleted there.
        </p>
        <p>
          On the next sync Ledgerbridge looks QuickBooks up by name first. If the record still exists there, it links to it instead of
          creating a duplicate; if it is gone, a new one is created.
        </p>
        {count > 1 && labels.length > 0 ? (
          <ul className="list-disc pl-5 text-slate-600">
            {labels.slice(0, 10).map((label, index) => (
              <li key={index}>{label}</li>
            ))}
            {count > 10 ? <li>and {(count - 10).toLocaleString("en-US")} more</li> : null}
          </ul>
        ) : null}
        <CheckboxField
          label="Resync right after clearing"
          checked={resyncAfter}
          onChange={(event) => setResyncAfter(event.target.checked)}
        />
      </div>
    </Dialog>
  );
}
