"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent, type ReactNode } from "react";
import { useTRPC, type RouterOutputs } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { formErrors } from "@/components/ui/form-errors";
import { Input } from "@/components/ui/input";

type Connection = RouterOutputs["settings"]["qbwc"]["getConnection"];

/** Every change here can change what the .qwc file holds and whether it can be made, so the page re-reads it. */
function useRefreshConnection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.settings.qbwc.pathKey() });
}

/** A small settings form: its heading, its fields, one button, and what happened. */
export function SettingsForm(props: {
  title: string;
  description: ReactNode;
  onSubmit: (form: HTMLFormElement) => Promise<string>;
  error: unknown;
  pending: boolean;
  button: string;
  children: ReactNode;
}) {
  const [notice, setNotice] = useState<string | null>(null);
  const errors = formErrors(props.error);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setNotice(null);
    try {
      setNotice(await props.onSubmit(event.currentTarget));
    } catch {
      // Shown by the form.
    }
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      <div>
        <h3 className="text-sm font-semibold text-slate-900">{props.title}</h3>
        <p className="text-sm text-slate-600">{props.description}</p>
      </div>
      {props.children}
      {/* Beside the button, where the eye is after clicking it (a long form's top is out of view). */}
      {errors.message ? <Alert>{errors.message}</Alert> : null}
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <Button type="submit" variant="secondary" disabled={props.pending}>
        {props.pending ? "Saving…" : props.button}
      </Button>
    </form>
  );
}

export function CredentialsForm({ username }: { username: string | null }) {
  const trpc = useTRPC();
  const refresh = useRefreshConnection();
  const save = useMutation(trpc.settings.qbwc.setCredentials.mutationOptions({ onSuccess: refresh }));
  const errors = formErrors(save.error);
  return (
    <SettingsForm
      title="User name and password"
      description={
        username
          ? `The Web Connector signs in as “${username}”. Saving a new password means typing it into the Web Connector again.`
          : "The Web Connector signs in with these. None are set yet."
      }
      error={save.error}
      pending={save.isPending}
      button="Save user name and password"
      onSubmit={async (form) => {
        const data = new FormData(form);
        await save.mutateAsync({ username: String(data.get("username") ?? ""), password: String(data.get("password") ?? "") });
        (form.elements.namedItem("password") as HTMLInputElement).value = "";
        return "Saved. Type this password into the Web Connector when it asks.";
      }}
    >
      <div className="grid gap-4 md:grid-cols-2">
        <Field label="User name" error={errors.fields.username}>
          <Input name="username" defaultValue={username ?? ""} autoComplete="off" />
        </Field>
        <Field
          label={username ? "New password" : "Password"}
          hint="At least 10 characters. Ledgerbridge keeps it scrambled and never shows it again."
          error={errors.fields.password}
        >
          <Input name="password" type="password" autoComplete="new-password" />
        </Field>
      </div>
    </SettingsForm>
  );
}

export function PublicUrlForm({ connection }: { connection: Connection }) {
  const trpc = useTRPC();
  const refresh = useRefreshConnection();
  const save = useMutation(trpc.settings.qbwc.setPublicUrl.mutationOptions({ onSuccess: refresh }));
  const errors = formErrors(save.error);
  const fromEnvironment = connection.publicUrlSource === "env";
  return (
    <SettingsForm
      title="Public URL"
      description={
        fromEnvironment
          ? `Now ${connection.publicUrl}, from PUBLIC_URL in the server's environment. Enter an address here to use another.`
          : "The https:// address where the QuickBooks computer reaches Ledgerbridge. Leave it blank to use PUBLIC_URL from the server's environment, if set."
      }
      error={save.error}
      pending={save.isPending}
      button="Save public URL"
      onSubmit={async (form) => {
        const text = String(new FormData(form).get("publicUrl") ?? "").trim();
        const saved = await save.mutateAsync({ publicUrl: text || null });
        return saved.publicUrl ? `Saved: ${saved.publicUrl}` : "Cleared. PUBLIC_URL from the environment applies, if set.";
      }}
    >
      <Field label="Public URL" error={errors.fields.publicUrl}>
        <Input
          name="publicUrl"
          type="url"
          placeholder="https://sync.example.com"
          defaultValue={connection.publicUrlSource === "setting" ? (connection.publicUrl ?? "") : ""}
          autoComplete="off"
        />
      </Field>
    </SettingsForm>
  );
}

export function ScheduleForm({ minutes }: { minutes: number }) {
  const trpc = useTRPC();
  const refresh = useRefreshConnection();
  const save = useMutation(trpc.settings.qbwc.setSchedule.mutationOptions({ onSuccess: refresh }));
  const [typingError, setTypingError] = useState<string | null>(null);
  const errors = formErrors(save.error);
  return (
    <SettingsForm
      title="Schedule"
      description={
        "How often the Web Connector runs when Auto-Run is ticked. It is written into the .qwc file; " +
        "for a file already added, change Every_Min in the Web Connector too."
      }
      error={save.error}
      pending={save.isPending}
      button="Save schedule"
      onSubmit={async (form) => {
        const text = String(new FormData(form).get("runEveryNMinutes") ?? "").trim();
        const value = Number(text);
        setTypingError(text === "" || Number.isNaN(value) ? "Enter a whole number of minutes from 1 to 1440." : null);
        if (text === "" || Number.isNaN(value)) throw new Error("not a number");
        const saved = await save.mutateAsync({ runEveryNMinutes: value });
        return `Saved: every ${saved.runEveryNMinutes} minute${saved.runEveryNMinutes === 1 ? "" : "s"}.`;
      }}
    >
      <Field label="Run every (minutes)" error={typingError ?? errors.fields.runEveryNMinutes} className="max-w-48">
        <Input name="runEveryNMinutes" type="number" min={1} max={1440} step={1} defaultValue={minutes} />
      </Field>
    </SettingsForm>
  );
}
