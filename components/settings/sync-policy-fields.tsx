"use client";

import { useId } from "react";
import { ENTITY_WORDS } from "@/components/sync/words";
import { CheckboxField, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { ChangeSetting, SyncSettings } from "./sync-settings-form";

type SyncType = keyof SyncSettings["syncTypes"];
const SYNC_TYPES: SyncType[] = ["customer", "vendor", "item", "invoice", "payment", "purchaseOrder", "bill", "billPayment"];

interface FieldsProps {
  draft: SyncSettings;
  change: ChangeSetting;
}

/** Record types, records found on one side only, and the start date. */
export const INCOMPLETE_DATE =
  "That date is incomplete or does not exist: finish it or pick it in the calendar, or clear the box to sync everything.";

export function WhatSyncsFields({
  draft,
  change,
  errors,
  startDateTyping,
  onStartDateTyping,
}: FieldsProps & { errors: Record<string, string>; startDateTyping?: string | null; onStartDateTyping?: (error: string | null) => void }) {
  const hintId = useId();
  return (
    <>
      <fieldset className="space-y-1" aria-describedby={hintId}>
        <legend className="text-sm font-medium text-slate-700">Record types that sync</legend>
        <p id={hintId} className="text-xs text-slate-500">
          Unticked types never cross in either direction; payment methods, terms and the chart of accounts always sync because transactions
          need them. Example: untick Bills when bills are kept in QuickBooks only.
        </p>
        <div className="flex flex-wrap gap-x-6 gap-y-1">
          {SYNC_TYPES.map((type) => (
            <CheckboxField
              key={type}
              label={ENTITY_WORDS[type].plural}
              checked={draft.syncTypes[type]}
              onChange={(event) => change("syncTypes", { ...draft.syncTypes, [type]: event.target.checked })}
            />
          ))}
        </div>
      </fieldset>
      <Choice
        legend="Records found only in Ledgerbridge"
        hint="A customer, item or transaction entered here that QuickBooks does not have: offer to create it in QuickBooks, or leave it out (and whatever depends on it, such as its invoices). Example: leave them out when only some customers belong in the books."
        value={draft.onlyInLedgerbridge}
        onChange={(value) => change("onlyInLedgerbridge", value)}
        options={[
          { value: "create", label: "Create them in QuickBooks" },
          { value: "ignore", label: "Leave them out of QuickBooks" },
        ]}
      />
      <Choice
        legend="Records found only in QuickBooks"
        hint="A record QuickBooks has and Ledgerbridge does not: offer to create it here, or leave it out (and whatever depends on it). Example: leave them out when QuickBooks keeps years of old customers you do not need here."
        value={draft.onlyInQuickBooks}
        onChange={(value) => change("onlyInQuickBooks", value)}
        options={[
          { value: "create", label: "Create them in Ledgerbridge" },
          { value: "ignore", label: "Leave them out of Ledgerbridge" },
        ]}
      />
      <Field
        label="Sync from this date"
        hint="Customers, invoices, payments and purchase orders created before this date stay where they are; items, payment methods and terms always sync. Leave it empty to sync everything. Example: 2025-01-01 to start with this year's books."
        error={startDateTyping ?? errors.startDate}
        className="max-w-2xl"
      >
        <Input
          type="date"
          value={draft.startDate ?? ""}
          onChange={(event) => {
            // A part-typed or impossible date reads as "" — which would otherwise be saved as "sync everything".
            const incomplete = event.target.validity.badInput;
            onStartDateTyping?.(incomplete ? INCOMPLETE_DATE : null);
            if (!incomplete) change("startDate", event.target.value || null);
          }}
          className="max-w-48"
        />
      </Field>
    </>
  );
}

/** Conflicts, Send All and the NC Only default. */
export function HowFields({ draft, change }: FieldsProps) {
  return (
    <>
      <Choice
        legend="When a record changed on both sides"
        hint="Since the last sync someone edited it here and someone edited it in QuickBooks. Example: choose QuickBooks wins when the bookkeeper's corrections in QuickBooks are final."
        value={draft.conflictPolicy}
        onChange={(value) => change("conflictPolicy", value)}
        options={[
          { value: "ask", label: "Ask: show both versions, field by field" },
          { value: "quickbooks", label: "QuickBooks wins" },
          { value: "ledgerbridge", label: "Ledgerbridge wins" },
        ]}
      />
      <CheckboxField
        label="Send All: offer every final invoice, saved payment and purchase order for export"
        hint="Ticked, every invoice marked final, every saved payment and every purchase order becomes an Export to QuickBooks candidate at each run. Unticked, only the ones someone chose with Send to QuickBooks (on the record's page or from a list) do. Drafts never go."
        checked={draft.sendAll}
        onChange={(event) => change("sendAll", event.target.checked)}
      />
      <CheckboxField
        label="New invoices of $0.00 start as Not for QuickBooks (NC Only)"
        hint="An NC Only invoice is never exported. Example: a free follow-up visit billed at $0.00 stays out of the books unless someone unticks NC Only on it."
        checked={draft.ncOnlyZeroAmountInvoices}
        onChange={(event) => change("ncOnlyZeroAmountInvoices", event.target.checked)}
      />
    </>
  );
}

/** A labelled set of radio buttons with the sentence that explains it. */
function Choice<T extends string>(props: {
  legend: string;
  hint: string;
  value: T;
  onChange: (value: T) => void;
  options: { value: T; label: string }[];
}) {
  const name = useId();
  const hintId = `${name}-hint`;
  return (
    <fieldset className="space-y-1" aria-describedby={hintId}>
      <legend className="text-sm font-medium text-slate-700">{props.legend}</legend>
      <p id={hintId} className="text-xs text-slate-500">
        {props.hint}
      </p>
      <div className="flex flex-wrap gap-x-6 gap-y-1">
        {props.options.map((option) => (
          <label key={option.value} className="flex items-center gap-2 text-sm text-slate-800">
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={props.value === option.value}
              onChange={() => props.onChange(option.value)}
              className="h-4 w-4 accent-brand-600"
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
