"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { formErrors } from "@/components/ui/form-errors";
import { Input } from "@/components/ui/input";
import { SettingsForm } from "./connector-forms";

/** How many records go to QuickBooks in one request of a run. */
export function SyncSettingsForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.sync.settings.queryOptions());
  const save = useMutation(
    trpc.sync.saveSettings.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.sync.settings.queryKey() }) }),
  );
  const [typingError, setTypingError] = useState<string | null>(null);
  const errors = formErrors(save.error);
  if (settings.isError) return <Alert>Could not load the sync settings: {settings.error.message} Reload the page to try again.</Alert>;
  if (!settings.data) return <div role="status" aria-label="Loading the sync settings" className="h-9 w-48 animate-pulse rounded bg-slate-100" />;
  return (
    <SettingsForm
      title="Batch size"
      description="How many records Ledgerbridge sends to QuickBooks in one request. Lower it if runs time out on a slow QuickBooks computer; 50 suits most company files."
      error={save.error}
      pending={save.isPending}
      button="Save batch size"
      onSubmit={async (form) => {
        const text = String(new FormData(form).get("batchSize") ?? "").trim();
        const value = Number(text);
        const wrong = text === "" || !Number.isInteger(value);
        setTypingError(wrong ? "Enter the batch size as a whole number from 1 to 500." : null);
        if (wrong) throw new Error("not a whole number");
        const saved = await save.mutateAsync({ batchSize: value });
        return `Saved: ${saved.batchSize} record${saved.batchSize === 1 ? "" : "s"} per request, from the next run.`;
      }}
    >
      <Field label="Records per request" error={typingError ?? errors.fields.batchSize} className="max-w-48">
        <Input name="batchSize" type="number" min={1} max={500} step={1} defaultValue={settings.data.batchSize} />
      </Field>
    </SettingsForm>
  );
}
