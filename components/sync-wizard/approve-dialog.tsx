"use client";

import { plural } from "@/lib/words";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Dialog, DialogClose } from "@/components/ui/dialog";

export type UncheckedRule = "keep" | "clear";

interface ApproveDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  section: "import" | "export";
  checked: number;
  /** Checked rows on show that a sync setting holds back: approving leaves them where they are. */
  heldBack: number;
  unchecked: number;
  rule: UncheckedRule;
  runEveryNMinutes: number | undefined;
  /** QuickBooks lists nearly full (exports only): what approving these Adds would do to them. */
  limitWarnings: readonly string[];
  pending: boolean;
  error: string | null;
  onConfirm: () => void;
}

/** Says what Approve Checked is about to do — how many go to Pending, how many are kept or cleared — before it does. */
export function ApproveDialog(props: ApproveDialogProps) {
  const { checked, heldBack, unchecked, rule, section } = props;
  const toPending = Math.max(0, checked - heldBack);
  const nothingToDo = toPending === 0 && (rule === "keep" || unchecked === 0);
  const title =
    toPending > 0 || unchecked === 0 ? `Approve ${plural(toPending, "change")}?` : `Clear ${plural(unchecked, "unchecked change")}?`;
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
          <Button
            onClick={props.onConfirm}
            disabled={nothingToDo || props.pending}
            variant={toPending === 0 && unchecked > 0 ? "danger" : "primary"}
          >
            {props.pending
              ? "Approving…"
              : toPending > 0 || unchecked === 0
                ? `Approve ${toPending.toLocaleString("en-US")}`
                : `Clear ${unchecked.toLocaleString("en-US")}`}
          </Button>
        </>
      }
    >
      {props.error ? (
        <Alert className="mb-3">
          <p className="font-medium">Nothing was approved.</p>
          <p className="mt-1">{props.error}</p>
        </Alert>
      ) : null}
      {props.limitWarnings.map((warning) => (
        <Alert key={warning} className="mb-3 border-amber-200 bg-amber-50 text-amber-900">
          {warning}
        </Alert>
      ))}
      <ul className="list-disc space-y-2 pl-5">
        {toPending > 0 ? (
          <li>
            <strong>{toPending.toLocaleString("en-US")}</strong> go to Pending. They are{" "}
            {section === "export" ? "sent to QuickBooks" : "brought in from QuickBooks"} the next time the Web Connector runs{schedule}.
          </li>
        ) : null}
        {heldBack > 0 ? (
          <li>
            <strong>{heldBack.toLocaleString("en-US")}</strong> held back {heldBack === 1 ? "stays" : "stay"} here (
            {heldBack === 1 ? "its row says" : "their rows say"} why: a record left out by a sync setting, or a name or number the other
            side holds). Approving does nothing until that changes.
          </li>
        ) : null}
        {unchecked > 0 ? (
          rule === "keep" ? (
            <li>
              <strong>{unchecked.toLocaleString("en-US")}</strong> unchecked {unchecked === 1 ? "is kept: it comes" : "are kept: they come"}{" "}
              back in the Sync Wizard after the next run.
            </li>
          ) : (
            <li>
              <strong>{unchecked.toLocaleString("en-US")}</strong> unchecked {unchecked === 1 ? "is" : "are"} cleared: gone from the Sync
              Wizard until the record changes again.
            </li>
          )
        ) : null}
      </ul>
      {nothingToDo ? (
        <p className="mt-3 text-slate-600">
          {heldBack > 0 ? "Only held-back changes are checked" : "Nothing is checked"}, so nothing would change. Check some rows, or choose
          Clear Unchecked to dismiss them.
        </p>
      ) : null}
    </Dialog>
  );
}
