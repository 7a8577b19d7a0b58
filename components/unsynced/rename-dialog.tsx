"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { UnsyncedRow } from "./unsynced-columns";

interface RenameDialogProps {
  row: UnsyncedRow | null;
  onClose: () => void;
  onRename: (name: string) => void;
  pending: boolean;
  error: string | null;
}

/** After a 3100: give the record here another name and send it again, without leaving Unsynced Entities. */
export function RenameDialog({ row, onClose, onRename, pending, error }: RenameDialogProps) {
  const [state, setState] = useState<{ id: number | null; name: string }>({ id: null, name: "" });
  // Starts from the record's name each time it opens for another row.
  if (row && state.id !== row.id) setState({ id: row.id, name: row.label });
  const name = state.name.trim();
  return (
    <Dialog
      open={row !== null}
      onOpenChange={(open) => !open && onClose()}
      title={`Rename ${row?.label ?? ""} and resync`}
      description="QuickBooks already uses this name for another record. A new name here is sent on the next Web Connector run."
      footer={
        <>
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button disabled={pending || name === "" || name === row?.label} onClick={() => onRename(name)}>
            {pending ? "Saving…" : "Rename and resync"}
          </Button>
        </>
      }
    >
      {error ? <Alert className="mb-3">{error}</Alert> : null}
      <Field label="New name" hint="For example add the town or a number: “Willow Creek Stables (Cary)”.">
        <Input value={state.name} maxLength={100} onChange={(event) => setState({ id: row?.id ?? null, name: event.target.value })} />
      </Field>
    </Dialog>
  );
}
