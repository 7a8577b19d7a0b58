"use client";

import { plural } from "@/server/qbwc/durations";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Dialog, DialogClose } from "@/components/ui/dialog";

export type UncheckedRule = "keep" | "clear";

interface ApproveDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  section: "import" | "export";
  checked: number;
  unchecked: number;
  rule: UncheckedRule;
  runEveryNMinutes: number | undefined;
  pending: boolean;
  error: string | null;
  onConfirm: () => void;
}

/** Says what Approve Checked is about to do — how many go to Pending, how many are kept or cleared — before it does. */
export function ApproveDialog(props: ApproveDialogProps) {
  const { checked, unchecked, rule, section } = props;
  const nothingToDo = checked === 0 && (rule === "keep" || unchecked === 0);
  const title = checked > 0 ? `Approve ${plural(checked, "change")}?` : `Clear ${plural(unchecked, "unchecked change")}?`;
  const schedule = props.runEveryNMinutes ? ` (it runs every ${plural(props.runEveryNMinutes, "minute")})` : "";
  return (
    <Dialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={title}
      description={section === "export" ? "Export to QuickBooks" : "Import from QuickBooks"}
      footer={
        <>
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button onClick={props.onConfirm} disabled={nothingToDo || props.pending} variant={checked === 0 ? "danger" : "primary"}>
            {props.pending ? "Approving…" : checked > 0 ? `Approve ${checked.toLocaleString("en-US")}` : `Clear ${unchecked.toLocaleString("en-US")}`}
          </Button>
        </>
      }
    >
      {props.error ? <Alert className="mb-3">{props.error}</Alert> : null}
      <ul className="list-disc space-y-2 pl-5">
        {checked > 0 ? (
          <li>
            <strong>{checked.toLocaleString("en-US")}</strong> go to Pending. They are {section === "export" ? "sent to QuickBooks" : "brought in from QuickBooks"} the
            next time the Web Connector runs{schedule}.
          </li>
        ) : null}
        {unchecked > 0 ? (
          rule === "keep" ? (
            <li>
              <strong>{unchecked.toLocaleString("en-US")}</strong> unchecked {unchecked === 1 ? "is kept: it comes" : "are kept: they come"} back in the Sync
              Wizard after the next run.
            </li>
          ) : (
            <li>
              <strong>{unchecked.toLocaleString("en-US")}</strong> unchecked {unchecked === 1 ? "is" : "are"} cleared: gone from the Sync Wizard until the record
              changes again.
            </li>
          )
        ) : null}
      </ul>
      {nothingToDo ? (
        <p className="mt-3 text-slate-600">Nothing is checked, so nothing would change. Check some rows, or choose Clear Unchecked to dismiss them.</p>
      ) : null}
    </Dialog>
  );
}
