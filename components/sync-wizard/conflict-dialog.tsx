"use client";

import { useMutation } from "@tanstack/react-query";
import { GitMerge } from "lucide-react";
import { useState } from "react";
import { ENTITY_WORDS } from "@/components/sync/words";
import { useTRPC, type RouterOutputs } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert, Badge } from "@/components/ui/card";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import type { ConflictField, Side } from "@/server/sync/conflicts/fields";
import type { CandidateRow } from "./candidate-columns";
import { fieldLabel, fieldValue } from "./field-words";

export type ResolveResult = RouterOutputs["sync"]["resolveConflict"];
type Choices = Record<string, Side | undefined>;

// The types whose adapter can take single fields from QuickBooks (applyFields); the others are merged as a whole side.
const FIELD_BY_FIELD = new Set<string>(["customer", "vendor", "item"]);

/** Why a conflict's tick box is off: said beside it and to screen readers. */
export const CONFLICT_UNCHECKED = "Changed on both sides: resolve it first. Approve Checked leaves it alone; Clear Unchecked clears it.";

/** The Approve Checked notice's word on conflicts it left alone (Clear Unchecked clears them like any unchecked row). */
export function conflictsLeftText(count: number, rule: "keep" | "clear"): string {
  if (count === 0 || rule === "clear") return "";
  return count === 1
    ? " 1 conflict (changed on both sides) was left alone: resolve it first."
    : ` ${count.toLocaleString("en-US")} conflicts (changed on both sides) were left alone: resolve them first.`;
}

export function ConflictBadge() {
  return <Badge className="bg-amber-50 text-amber-900">Conflict</Badge>;
}

/** A conflict row's "What changes": which fields differ, and the way to resolve it. */
export function ConflictCell({ row, onResolve }: { row: CandidateRow; onResolve?: (row: CandidateRow) => void }) {
  const names = differing(conflictFields(row)).map((change) => fieldLabel(change.field));
  const shown = names.length <= 3 ? names.join(", ") : `${names.slice(0, 2).join(", ")} and ${names.length - 2} more`;
  return (
    <div className="flex max-w-md flex-wrap items-center gap-2">
      <p className="min-w-0 text-slate-700">
        <span className="font-semibold text-amber-900">Changed on both sides</span>
        {shown ? <span className="text-slate-600">: {shown}</span> : null}
      </p>
      {onResolve ? (
        <Button variant="secondary" size="sm" onClick={() => onResolve(row)} aria-label={`Resolve the conflict of ${row.label}`}>
          <GitMerge size={16} aria-hidden /> Resolve
        </Button>
      ) : null}
    </div>
  );
}

/**
 * Resolve a conflict: every field both versions hold differently, as last synced and as each side holds it now, with
 * a choice per field (or one whole side, for the types merged as a whole). The merged record is saved here and,
 * when it differs from QuickBooks' version, sent there on the next run.
 */
interface ConflictDialogProps {
  conflict: CandidateRow | null;
  onClose: () => void;
  onResolved: (result: ResolveResult) => void;
}

export function ConflictDialog({ conflict, onClose, onResolved }: ConflictDialogProps) {
  const trpc = useTRPC();
  const fields = conflict ? conflictFields(conflict) : [];
  const choosing = differing(fields);
  const wholeOnly = conflict !== null && !FIELD_BY_FIELD.has(conflict.entityType);
  const [state, setState] = useState<{ id: number | null; choices: Choices }>({ id: null, choices: {} });
  // Starts again for each conflict opened (React's pattern for "reset when a prop changes").
  if (conflict && state.id !== conflict.id) setState({ id: conflict.id, choices: defaults(choosing, wholeOnly) });
  const choices = conflict && state.id === conflict.id ? state.choices : {};
  const resolve = useMutation(
    trpc.sync.resolveConflict.mutationOptions({
      onSuccess: (result) => {
        onResolved(result);
        onClose();
      },
    }),
  );

  const choose = (field: string, side: Side) =>
    setState({ id: conflict?.id ?? null, choices: wholeOnly ? allOf(choosing, side) : { ...choices, [field]: side } });
  const chooseAll = (side: Side) => setState({ id: conflict?.id ?? null, choices: allOf(choosing, side) });
  const missing = choosing.filter((change) => !choices[change.field]);
  const noun = conflict ? ENTITY_WORDS[conflict.entityType].label.toLowerCase() : "record";

  function submit() {
    if (!conflict || missing.length > 0) return;
    resolve.mutate({ id: conflict.id, choose: Object.fromEntries(choosing.map((change) => [change.field, choices[change.field]!])) });
  }

  return (
    <Dialog
      open={conflict !== null}
      onOpenChange={(open) => {
        if (!open) {
          resolve.reset();
          onClose();
        }
      }}
      title={`Resolve ${conflict?.label ?? ""}`}
      description={
        wholeOnly
          ? `Changed in Ledgerbridge and in QuickBooks since the last sync. A ${noun} is merged as a whole: keep Ledgerbridge's version or take QuickBooks'.`
          : "Changed in Ledgerbridge and in QuickBooks since the last sync. Choose the version of each field to keep: the merged record is saved here and sent to QuickBooks on the next run."
      }
      className="max-w-3xl"
      footer={
        <>
          <div className="mr-auto flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => chooseAll("ledgerbridge")}>
              Keep all Ledgerbridge
            </Button>
            <Button variant="secondary" onClick={() => chooseAll("quickbooks")}>
              Take all QuickBooks
            </Button>
          </div>
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button
            onClick={submit}
            disabled={missing.length > 0 || resolve.isPending}
            aria-describedby={missing.length > 0 ? "conflict-missing" : undefined}
          >
            {resolve.isPending ? "Resolving…" : "Resolve"}
          </Button>
        </>
      }
    >
      {resolve.error ? <Alert className="mb-3">{resolve.error.message}</Alert> : null}
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">The conflicting fields of {conflict?.label}: last synced, Ledgerbridge and QuickBooks</caption>
        <thead>
          <tr className="border-b border-slate-200 text-xs text-slate-500 uppercase">
            <th scope="col" className="py-2 pr-3 font-medium">
              Field
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Last synced
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Ledgerbridge
            </th>
            <th scope="col" className="py-2 font-medium">
              QuickBooks
            </th>
          </tr>
        </thead>
        <tbody>
          {fields.map((change) => (
            <tr key={change.field} className="border-b border-slate-100 align-top">
              <th scope="row" className="py-2 pr-3 font-medium text-slate-700">
                {fieldLabel(change.field)}
              </th>
              <td className="py-2 pr-3 break-words text-slate-500">{fieldValue(change.field, change.base)}</td>
              {choosing.includes(change) ? (
                (["ledgerbridge", "quickbooks"] as const).map((side) => (
                  <td key={side} className="py-2 pr-3">
                    <label className="flex cursor-pointer items-start gap-2 rounded px-1 py-0.5 hover:bg-slate-50">
                      <input
                        type="radio"
                        className="mt-0.5 accent-brand-600"
                        name={`conflict-${change.field}`}
                        checked={choices[change.field] === side}
                        onChange={() => choose(change.field, side)}
                      />
                      <span
                        className={
                          alike(change[side], change.base) ? "break-words text-slate-600" : "font-medium break-words text-slate-900"
                        }
                      >
                        <span className="sr-only">{`${side === "ledgerbridge" ? "Ledgerbridge" : "QuickBooks"}'s ${fieldLabel(change.field)}: `}</span>
                        {fieldValue(change.field, change[side])}
                        {alike(change[side], change.base) ? null : <span className="sr-only"> (changed)</span>}
                      </span>
                    </label>
                  </td>
                ))
              ) : (
                <td colSpan={2} className="py-2 break-words text-slate-700">
                  {fieldValue(change.field, change.ledgerbridge)}{" "}
                  <span className="text-xs text-slate-500">(changed alike on both sides)</span>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {missing.length > 0 ? (
        <p id="conflict-missing" className="mt-3 text-slate-600">
          Both sides changed {missing.map((change) => fieldLabel(change.field)).join(", ")}: choose the version to keep.
        </p>
      ) : null}
    </Dialog>
  );
}

/** A conflict row's diff: its fields as last synced and on each side (server/sync/conflicts/fields.ts). */
function conflictFields(row: CandidateRow): ConflictField[] {
  return row.diff as unknown as ConflictField[];
}

/** The fields the two sides hold differently: each needs a side. The others changed the same way on both. */
function differing(fields: ConflictField[]): ConflictField[] {
  return fields.filter((change) => !alike(change.ledgerbridge, change.quickbooks));
}

/** Each field starts on the side that changed it; a field both changed waits for a person (a whole side: when all agree). */
function defaults(fields: ConflictField[], wholeOnly: boolean): Choices {
  const sides = fields.map((change): Side | undefined =>
    alike(change.ledgerbridge, change.base) ? "quickbooks" : alike(change.quickbooks, change.base) ? "ledgerbridge" : undefined,
  );
  if (wholeOnly) return sides.every((value) => value !== undefined && value === sides[0]) && sides[0] ? allOf(fields, sides[0]) : {};
  return Object.fromEntries(fields.map((change, index) => [change.field, sides[index]]));
}

function allOf(fields: ConflictField[], side: Side): Choices {
  return Object.fromEntries(fields.map((change) => [change.field, side]));
}

// As the engine compares synced fields: blank and empty are alike, surrounding spaces do not count.
export function alike(a: ConflictField["base"], b: ConflictField["base"]): boolean {
  const plain = (value: ConflictField["base"]) => (value === "" ? null : typeof value === "string" ? value.trim() : value);
  return plain(a) === plain(b);
}
