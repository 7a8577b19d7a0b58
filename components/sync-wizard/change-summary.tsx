"use client";

import { ChevronDown, ChevronRight } from "lucide-react";
import { useId, useState } from "react";
import type { FieldChange } from "@/server/sync/fingerprint";
import { fieldLabel, fieldValue } from "./field-words";

/**
 * What a candidate changes, on one line ("Phone: 207-555-0100 → 207-555-0199", "Name, Phone and 3 more"),
 * with every field's before → after a click away.
 */
export function ChangeSummary({ diff, action, label }: { diff: FieldChange[]; action: string; label: string }) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  if (action === "delete") return <span className="text-slate-700">Deleted in QuickBooks</span>;
  if (diff.length === 0) return <span className="text-slate-500">No field changes</span>;
  return (
    <div className="max-w-md">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        onClick={() => setOpen(!open)}
        className="inline-flex max-w-full items-start gap-1 rounded text-left text-slate-700 hover:text-slate-900"
      >
        {open ? (
          <ChevronDown size={16} aria-hidden className="mt-0.5 shrink-0" />
        ) : (
          <ChevronRight size={16} aria-hidden className="mt-0.5 shrink-0" />
        )}
        <span className="sr-only">{`${open ? "Hide" : "Show"} the changes to ${label}: `}</span>
        <span className="min-w-0 truncate">{summary(diff, action)}</span>
      </button>
      {open ? (
        <dl id={listId} className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 rounded-md bg-slate-50 p-2 text-xs">
          {diff.map((change) => (
            <div key={change.field} className="contents">
              <dt className="font-medium text-slate-600">{fieldLabel(change.field)}</dt>
              <dd className="break-words text-slate-800">
                {action === "add" ? (
                  fieldValue(change.field, change.after)
                ) : (
                  <>
                    <span className="text-slate-500 line-through decoration-slate-400">{fieldValue(change.field, change.before)}</span>
                    <span aria-hidden> → </span>
                    <span className="sr-only"> changes to </span>
                    {fieldValue(change.field, change.after)}
                  </>
                )}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  );
}

function summary(diff: FieldChange[], action: string): string {
  const [first] = diff;
  if (diff.length === 1 && first && action !== "add") {
    return `${fieldLabel(first.field)}: ${fieldValue(first.field, first.before)} → ${fieldValue(first.field, first.after)}`;
  }
  // Every new record is active: naming it on the one line only pushes the telling fields out (it stays in the details).
  const telling = action === "add" ? diff.filter((change) => !(change.field === "active" && change.after === true)) : diff;
  const names = (telling.length > 0 ? telling : diff).map((change) => fieldLabel(change.field));
  const shown = names.length <= 3 ? names.join(", ") : `${names.slice(0, 2).join(", ")} and ${names.length - 2} more`;
  return action === "add" ? `New record: ${shown}` : shown;
}
