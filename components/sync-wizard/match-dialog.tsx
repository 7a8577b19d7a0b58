"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ENTITY_WORDS } from "@/components/sync/words";
import { useTRPC, type RouterOutputs } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import type { ConflictField } from "@/server/sync/conflicts/fields";
import type { CandidateRow } from "./candidate-columns";
import { alike } from "./conflict-dialog";
import { fieldLabel, fieldValue } from "./field-words";

export type MatchResult = RouterOutputs["sync"]["resolveMatch"];

// QuickBooks 13.0 has no Mod for these lists: Ledgerbridge's version cannot be sent over QuickBooks'.
const NO_CHANGES_SENT = new Set<string>(["paymentMethod", "terms"]);

interface Choice {
  localId: number;
  label: string;
  detail: string;
}

interface MatchDialogProps {
  match: CandidateRow | null;
  onClose: () => void;
  onDecided: (result: MatchResult) => void;
}

/**
 * Decide a Match: the same record found on both sides, never linked. Both versions field by field; then link and take
 * QuickBooks' values, link and send Ledgerbridge's, or keep them apart. With several possible records here, pick one.
 */
export function MatchDialog({ match, onClose, onDecided }: MatchDialogProps) {
  const trpc = useTRPC();
  const [picked, setPicked] = useState<{ id: number | null; localId: number | null }>({ id: null, localId: null });
  if (match && picked.id !== match.id) setPicked({ id: match.id, localId: match.localId });
  const localId = match && picked.id === match.id ? picked.localId : null;
  const decide = useMutation(
    trpc.sync.resolveMatch.mutationOptions({
      onSuccess: (result) => {
        onDecided(result);
        onClose();
      },
    }),
  );
  const fields = match ? (match.diff as unknown as ConflictField[]) : [];
  const choices = match?.matchChoices ? (JSON.parse(match.matchChoices) as Choice[]) : null;
  const noun = match ? ENTITY_WORDS[match.entityType].label.toLowerCase() : "record";
  const canSend = match !== null && !NO_CHANGES_SENT.has(match.entityType);
  const submit = (choose: "quickbooks" | "ledgerbridge" | "apart") =>
    match && decide.mutate({ id: match.id, choose, ...(choices && localId !== null ? { localId } : {}) });
  const needsPick = choices !== null && localId === null;

  return (
    <Dialog
      open={match !== null}
      onOpenChange={(open) => {
        if (!open) {
          decide.reset();
          onClose();
        }
      }}
      title={`${match?.label ?? ""}: on both sides`}
      description={`QuickBooks and Ledgerbridge each hold this ${noun}, never linked. Link them as one record, or keep them apart as two.`}
      className="max-w-3xl"
      footer={
        <>
          <Button variant="ghost" className="mr-auto" disabled={decide.isPending} onClick={() => submit("apart")}>
            Keep them apart
          </Button>
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button variant="secondary" disabled={!canSend || needsPick || decide.isPending} onClick={() => submit("ledgerbridge")}>
            Link and send ours
          </Button>
          <Button disabled={needsPick || decide.isPending} onClick={() => submit("quickbooks")}>
            {decide.isPending ? "Linking…" : "Link and take QuickBooks' values"}
          </Button>
        </>
      }
    >
      {decide.error ? <Alert className="mb-3">{decide.error.message}</Alert> : null}
      {choices ? (
        <fieldset className="mb-4">
          <legend className="mb-2 text-sm font-medium text-slate-700">Which {noun} here is QuickBooks&apos; one?</legend>
          {choices.map((choice) => (
            <label key={choice.localId} className="flex cursor-pointer items-start gap-2 rounded px-1 py-1 hover:bg-slate-50">
              <input
                type="radio"
                className="mt-1 accent-brand-600"
                name="match-choice"
                checked={localId === choice.localId}
                onChange={() => setPicked({ id: match!.id, localId: choice.localId })}
              />
              <span>
                <span className="font-medium text-slate-900">{choice.label}</span>
                {choice.detail ? <span className="block text-xs text-slate-600">{choice.detail}</span> : null}
              </span>
            </label>
          ))}
        </fieldset>
      ) : null}
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">The fields of {match?.label}: in Ledgerbridge and in QuickBooks</caption>
        <thead>
          <tr className="border-b border-slate-200 text-xs text-slate-500 uppercase">
            <th scope="col" className="py-2 pr-3 font-medium">
              Field
            </th>
            {choices ? null : (
              <th scope="col" className="py-2 pr-3 font-medium">
                Ledgerbridge
              </th>
            )}
            <th scope="col" className="py-2 font-medium">
              QuickBooks
            </th>
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => {
            const differs = !choices && !alike(field.ledgerbridge, field.quickbooks);
            return (
              <tr key={field.field} className="border-b border-slate-100 align-top">
                <th scope="row" className="py-2 pr-3 font-medium text-slate-700">
                  {fieldLabel(field.field)}
                  {differs ? <span className="sr-only"> (differs)</span> : null}
                </th>
                {choices ? null : (
                  <td className={differs ? "py-2 pr-3 font-medium break-words text-slate-900" : "py-2 pr-3 break-words text-slate-600"}>
                    {fieldValue(field.field, field.ledgerbridge)}
                  </td>
                )}
                <td className={differs ? "py-2 font-medium break-words text-amber-900" : "py-2 break-words text-slate-600"}>
                  {fieldValue(field.field, field.quickbooks)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="mt-3 text-sm text-slate-600">
        <strong>Take QuickBooks&apos; values</strong> (what Approve Checked does) writes them here on the next run.{" "}
        {canSend ? (
          <>
            <strong>Send ours</strong> links now and sends Ledgerbridge&apos;s values to QuickBooks as a change.{" "}
          </>
        ) : (
          <>QuickBooks does not take changes to a {noun} from another program, so ours cannot be sent. </>
        )}
        <strong>Keep them apart</strong> makes them two records: the one here then needs another name or number before it is sent.
      </p>
    </Dialog>
  );
}
