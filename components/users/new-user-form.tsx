"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/roles";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { formErrors } from "@/components/ui/form-errors";
import { Input } from "@/components/ui/input";

export function NewUserForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(
    trpc.users.create.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() }) }),
  );
  const [added, setAdded] = useState<string | null>(null);
  const errors = formErrors(create.error);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setAdded(null);
    try {
      const user = await create.mutateAsync({
        name: String(form.get("name") ?? ""),
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        role: String(form.get("role") ?? "staff") as Role,
      });
      formElement.reset();
      setAdded(`Added ${user.name}. They can sign in with ${user.email} and the password you set; tell them to keep it private.`);
    } catch {
      // The form shows the errors.
    }
  }

  return (
    <Card aria-labelledby="new-user-heading" className="p-6">
      <h2 id="new-user-heading" className="text-base font-semibold text-slate-900">
        Add a user
      </h2>
      <form onSubmit={submit} noValidate className="mt-4 space-y-4">
        {errors.message ? <Alert>{errors.message}</Alert> : null}
        {added ? <Alert tone="success">{added}</Alert> : null}
        <Field label="Name" error={errors.fields.name}>
          <Input name="name" autoComplete="off" required />
        </Field>
        <Field label="Email" hint="They sign in with it." error={errors.fields.email}>
          <Input name="email" type="email" autoComplete="off" required />
        </Field>
        <Field label="Password" hint="At least 10 characters. Give it to them in person or by phone." error={errors.fields.password}>
          <Input name="password" type="password" autoComplete="new-password" required />
        </Field>
        <fieldset aria-describedby={errors.fields.role ? "new-user-role-error" : undefined}>
          <legend className="text-sm font-medium text-slate-700">Role</legend>
          <div className="mt-2 space-y-2">
            {ROLES.map((role) => (
              <label key={role} className="flex items-start gap-2 text-sm text-slate-800">
                <input
                  type="radio"
                  name="role"
                  value={role}
                  defaultChecked={role === "staff"}
                  className="mt-0.5 h-4 w-4 accent-brand-600"
                />
                <span>{ROLE_LABELS[role]}</span>
              </label>
            ))}
          </div>
          {errors.fields.role ? (
            <p id="new-user-role-error" role="alert" className="mt-1 text-xs text-red-700">
              {errors.fields.role}
            </p>
          ) : null}
        </fieldset>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Adding…" : "Add user"}
        </Button>
      </form>
    </Card>
  );
}
