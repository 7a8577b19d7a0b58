"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { useTRPC, type RouterOutputs } from "@/components/trpc/client";
import { Alert } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { formErrors } from "@/components/ui/form-errors";
import { Input } from "@/components/ui/input";
import { AutoApproveRules } from "./auto-approve-rules";
import { SettingsForm } from "./connector-forms";
import { FieldMappingFields } from "./field-mapping-fields";
import { PaymentMethodChecklist } from "./payment-method-checklist";
import { HowFields, WhatSyncsFields } from "./sync-policy-fields";

export type SyncSettings = RouterOutputs["sync"]["settings"]["settings"];
/** Changes one setting of the draft. */
export type ChangeSetting = <K extends keyof SyncSettings>(key: K, value: SyncSettings[K]) => void;

/** Every sync policy in one form; saving sends the whole set, since the server fills anything missing with defaults. */
export function SyncSettingsForm() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.sync.settings.queryOptions());
  if (settings.isError) return <Alert>Could not load the sync settings: {settings.error.message} Reload the page to try again.</Alert>;
  if (!settings.data)
    return <div role="status" aria-label="Loading the sync settings" className="h-9 w-48 animate-pulse rounded bg-slate-100" />;
  return (
    <>
      {settings.data.unreadable.length > 0 ? <UnreadableSettings names={settings.data.unreadable} /> : null}
      <SyncSettingsEditor saved={settings.data.settings} />
    </>
  );
}

/** Each setting by the words the form shows for it. */
const SETTING_LABELS: Record<keyof SyncSettings, string> = {
  syncTypes: "Record types that sync",
  onlyInLedgerbridge: "Records found only in Ledgerbridge",
  onlyInQuickBooks: "Records found only in QuickBooks",
  startDate: "Sync from this date",
  excludedPaymentMethods: "Payment methods that sync",
  conflictPolicy: "When a record changed on both sides",
  sendAll: "Send All",
  ncOnlyZeroAmountInvoices: "New invoices of $0.00 start as Not for QuickBooks",
  batchSize: "Records per request",
  fieldMapping: "Field mapping",
  autoApprove: "Automatic approval",
};

/** Stored settings the server could not read: the form shows their defaults, and saving stores them again. */
function UnreadableSettings({ names }: { names: (keyof SyncSettings)[] }) {
  return (
    <Alert>
      Some stored sync settings could not be read and use their defaults: {names.map((name) => SETTING_LABELS[name]).join(", ")}. Save the
      settings to store them again.
    </Alert>
  );
}

function SyncSettingsEditor({ saved }: { saved: SyncSettings }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(
    trpc.sync.saveSettings.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.sync.settings.queryKey() }) }),
  );
  const [draft, setDraft] = useState<SyncSettings>(saved);
  const [batchText, setBatchText] = useState(String(saved.batchSize));
  const [typingError, setTypingError] = useState<string | null>(null);
  const [dateTyping, setDateTyping] = useState<string | null>(null);
  const errors = formErrors(save.error);
  const change: ChangeSetting = (key, value) => setDraft((current) => ({ ...current, [key]: value }));
  return (
    <SettingsForm
      title="What crosses between Ledgerbridge and QuickBooks"
      description="Each Web Connector run follows these settings from its next start. Changes already waiting in the Sync Wizard stay there until someone decides them."
      error={save.error}
      pending={save.isPending}
      button="Save sync settings"
      onSubmit={async () => {
        const batchSize = Number(batchText.trim());
        const wrong = batchText.trim() === "" || !Number.isInteger(batchSize);
        setTypingError(wrong ? "Enter the batch size as a whole number from 1 to 500." : null);
        if (wrong) throw new Error("not a whole number");
        if (dateTyping) throw new Error("an incomplete start date");
        const stored = await save.mutateAsync({ ...draft, batchSize });
        setDraft(stored);
        return "Saved. The next Web Connector run follows these settings.";
      }}
    >
      <Group title="What syncs">
        <WhatSyncsFields
          draft={draft}
          change={change}
          errors={errors.fields}
          startDateTyping={dateTyping}
          onStartDateTyping={setDateTyping}
        />
        <PaymentMethodChecklist
          excluded={draft.excludedPaymentMethods}
          onChange={(names) => change("excludedPaymentMethods", names)}
          errors={errors.fields}
        />
      </Group>
      <Group title="How it syncs">
        <HowFields draft={draft} change={change} />
        <Field
          label="Records per request"
          hint="How many records Ledgerbridge sends to QuickBooks in one request. Lower it if runs time out on a slow QuickBooks computer; 50 suits most company files."
          error={typingError ?? errors.fields.batchSize}
          className="max-w-2xl"
        >
          <Input
            name="batchSize"
            type="number"
            min={1}
            max={500}
            step={1}
            value={batchText}
            onChange={(event) => setBatchText(event.target.value)}
            className="max-w-32"
          />
        </Field>
      </Group>
      <Group title="Field mapping">
        <FieldMappingFields mapping={draft.fieldMapping} onChange={(mapping) => change("fieldMapping", mapping)} errors={errors.fields} />
      </Group>
      <Group title="Automatic approval">
        <AutoApproveRules rules={draft.autoApprove} onChange={(rules) => change("autoApprove", rules)} errors={errors.fields} />
      </Group>
    </SettingsForm>
  );
}

/** A titled group of settings inside the form. */
function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-4 rounded-md border border-slate-200 p-4">
      <legend className="px-1 text-sm font-semibold text-slate-900">{title}</legend>
      {children}
    </fieldset>
  );
}
