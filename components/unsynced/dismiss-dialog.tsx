"use client";

import { useState } from "react";
import { plural } from "@/lib/words";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";

interface DismissDialogProps {
  labels: string[] | null;
  onClose: () => void;
  onDismiss: (reason: string) => void;
  pending: boolean;
  error: string | null;
}

/** Dismiss a failure that will never succeed: why, in a few words, for the audit log; it can be restored later. */
export function DismissDialog({ labels, onClose, onDismiss, pending, error }: DismissDialogProps) {
  const [reason, setReason] = useState("");
  const count = labels?.length ?? 0;
  return (
    <Dialog
      open={labels !== null}
      onOpenChange={(open) => {
        if (!open) {
          setReason("");
          onClose();
        }
      }}
      title={count === 1 ? `Dismiss the failure of ${labels?.[0] ?? "this record"}?` : `Dismiss ${plural(count, "failure")}?`}
      description="For a failure that will never succeed. It leaves Unsynced Entities, comes back if the record changes, and can be restored from the Dismissed list or the audit log."
      footer={
        <>
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button disabled={pending || reason.trim().length < 3} onClick={() => onDismiss(reason.trim())}>
            {pending ? "Dismissing…" : "Dismiss"}
          </Button>
        </>
      }
    >
      {error ? <Alert className="mb-3">{error}</Alert> : null}
      <Field label="Why" hint="The audit log keeps it with your name.">
        <Textarea
          value={reason}
          maxLength={500}
          rows={3}
          onChange={(event) => setReason(event.target.value)}
          placeholder="e.g. QuickBooks keeps this payment method; we change it there by hand"
        />
      </Field>
    </Dialog>
  );
}
