"use client";

import { useMutation } from "@tanstack/react-query";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { formErrors } from "@/components/ui/form-errors";
import { Input } from "@/components/ui/input";

export function SetupForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const createAdmin = useMutation(trpc.setup.createFirstAdmin.mutationOptions());
  const [mismatch, setMismatch] = useState(false);
  const errors = formErrors(createAdmin.error);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    const confirmed = password === String(form.get("confirm") ?? "");
    setMismatch(!confirmed);
    if (!confirmed) return;
    const email = String(form.get("email") ?? "");
    try {
      await createAdmin.mutateAsync({ name: String(form.get("name") ?? ""), email, password });
    } catch {
      return; // the form shows why
    }
    const result = await signIn("credentials", { email, password, redirect: false });
    if (result?.ok) {
      router.replace("/");
      router.refresh();
    }
  }

  return (
    <Card className="p-6">
      <h1 className="text-lg font-semibold">Welcome to Ledgerbridge</h1>
      <p className="mt-1 text-sm text-slate-600">
        Create the first admin account. Admins manage settings and users; you can add your staff later.
      </p>
      <form className="mt-4 space-y-4" onSubmit={submit} noValidate>
        {errors.message ? <Alert>{errors.message}</Alert> : null}
        <Field label="Your name" error={errors.fields.name}>
          <Input name="name" autoComplete="name" required autoFocus />
        </Field>
        <Field label="Email" error={errors.fields.email}>
          <Input name="email" type="email" autoComplete="username" required />
        </Field>
        <Field label="Password" error={errors.fields.password} hint="At least 10 characters.">
          <Input name="password" type="password" autoComplete="new-password" required />
        </Field>
        <Field label="Confirm password" error={mismatch ? "The two passwords do not match." : null}>
          <Input name="confirm" type="password" autoComplete="new-password" required />
        </Field>
        <Button type="submit" className="w-full" disabled={createAdmin.isPending}>
          {createAdmin.isPending ? "Creating…" : "Create admin and sign in"}
        </Button>
      </form>
    </Card>
  );
}
