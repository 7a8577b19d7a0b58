"use client";

import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import { formErrors } from "@/components/ui/form-errors";

interface ConfirmActionProps {
  /** The button on the page that opens the dialog. */
  button: string;
  title: string;
  description: string;
  /** The dialog's confirm button, and its label while the action runs. */
  confirm: string;
  busy: string;
  danger?: boolean;
  pending: boolean;
  error: unknown;
  onConfirm: () => Promise<unknown>;
  /** The dialog closed without acting, e.g. to forget a failed attempt. */
  onCancel?: () => void;
  /** What the action does and what it risks. */
  children: ReactNode;
}

/** A settings action that is hard to undo: a button, then a dialog that says what will happen before anything does. */
export function ConfirmAction(props: ConfirmActionProps) {
  const [open, setOpen] = useState(false);
  const message = formErrors(props.error).message;
  async function confirm() {
    try {
      await props.onConfirm();
      setOpen(false);
    } catch {
      // Shown in the dialog.
    }
  }
  return (
    <>
      <Button type="button" variant="secondary" onClick={() => setOpen(true)}>
        {props.button}
      </Button>
      <Dialog
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (!next) props.onCancel?.();
        }}
        title={props.title}
        description={props.description}
        footer={
          <>
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button variant={props.danger ? "danger" : "primary"} disabled={props.pending} onClick={confirm}>
              {props.pending ? props.busy : props.confirm}
            </Button>
          </>
        }
      >
        {message ? <Alert className="mb-3">{message}</Alert> : null}
        {props.children}
      </Dialog>
    </>
  );
}
