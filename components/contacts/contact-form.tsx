"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { ContactDetail, ContactInput, ContactKind } from "@/server/records/contacts";
import { LookupSelect } from "@/components/lookups/lookup-select";
import { SendAsField, SentAsNotice } from "@/components/lookups/send-as-field";
import { QuickBooksCustomFields } from "@/components/sync/quickbooks-custom-fields";
import { RecordSyncPanel } from "@/components/sync/record-sync-status";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert, Card, PageHeader } from "@/components/ui/card";
import type { ComboboxOption } from "@/components/ui/combobox";
import { Field } from "@/components/ui/field";
import { formErrors } from "@/components/ui/form-errors";
import { Input, Textarea } from "@/components/ui/input";
import { BalancePanel } from "./balance-panel";
import { CONTACT_WORDS } from "./words";

const TEXT_FIELDS = [
  ["name", "Name", "As it appears in QuickBooks (at most 41 characters)."],
  ["companyName", "Company", undefined],
  ["firstName", "First name", undefined],
  ["lastName", "Last name", undefined],
  ["email", "Email", undefined],
  ["phone", "Phone", undefined],
  ["billAddr1", "Address line 1", undefined],
  ["billAddr2", "Address line 2", undefined],
  ["billCity", "City", undefined],
  ["billState", "State", undefined],
  ["billPostalCode", "Postal code", undefined],
  ["billCountry", "Country", undefined],
] as const satisfies readonly (readonly [keyof ContactInput, string, string | undefined])[];

function savedOption(id: number | null | undefined, name: string | null | undefined): ComboboxOption | null {
  return id && name ? { id, name } : null;
}

function proxyOf(contact: ContactDetail | undefined): ComboboxOption | null {
  return contact?.proxyId && contact.proxyName ? { id: contact.proxyId, name: contact.proxyName } : null;
}

export function EditContact({ kind, id }: { kind: ContactKind; id: number }) {
  const trpc = useTRPC();
  const router = kind === "customer" ? trpc.customers : trpc.vendors;
  const { data } = useSuspenseQuery(router.get.queryOptions({ id }));
  return <ContactForm kind={kind} contact={data} />;
}

export function ContactForm({ kind, contact }: { kind: ContactKind; contact?: ContactDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigation = useRouter();
  const words = CONTACT_WORDS[kind];
  const router = kind === "customer" ? trpc.customers : trpc.vendors;
  const [saved, setSaved] = useState(false);
  const [proxy, setProxy] = useState<ComboboxOption | null>(() => proxyOf(contact));
  const [salesTaxCodeId, setSalesTaxCodeId] = useState<number | null>(contact?.salesTaxCodeId ?? null);
  const [salesTaxItemId, setSalesTaxItemId] = useState<number | null>(contact?.salesTaxItemId ?? null);
  const onSuccess = async () => {
    await queryClient.invalidateQueries({ queryKey: router.list.queryKey() });
    await queryClient.invalidateQueries({ queryKey: router.get.queryKey() });
    // Names and proxies change what the customer pickers offer.
    await queryClient.invalidateQueries({ queryKey: trpc.lookups.pathKey() });
  };
  const create = useMutation(router.create.mutationOptions({ onSuccess }));
  const update = useMutation(router.update.mutationOptions({ onSuccess }));
  const mutation = contact ? update : create;
  const errors = formErrors(mutation.error);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const data: ContactInput = {
      ...(Object.fromEntries(TEXT_FIELDS.map(([name]) => [name, String(form.get(name) ?? "")])) as { name: string }),
      notes: String(form.get("notes") ?? ""),
      active: form.get("active") === "on",
      proxyId: proxy?.id ?? null,
      salesTaxCodeId: kind === "customer" ? salesTaxCodeId : null,
      salesTaxItemId: kind === "customer" ? salesTaxItemId : null,
    };
    setSaved(false);
    try {
      if (contact) {
        setProxy(proxyOf(await update.mutateAsync({ id: contact.id, data })));
        setSaved(true);
      } else {
        const created = await create.mutateAsync(data);
        navigation.replace(`/${words.path}/${created.id}?created=1`);
      }
    } catch {
      // The form shows the errors.
    }
  }

  return (
    <>
      <PageHeader
        title={contact ? contact.name : `New ${words.singular}`}
        description={contact ? `Last changed ${contact.updatedAt.toLocaleString()}` : undefined}
        actions={
          <Button variant="secondary" asChild>
            <Link href={`/${words.path}`}>Back to {words.plural.toLowerCase()}</Link>
          </Button>
        }
      />
      {contact ? <RecordSyncPanel type={kind} id={contact.id} /> : null}
      {contact ? <BalancePanel kind={kind} id={contact.id} /> : null}
      {contact ? <SentAsNotice noun={kind} proxyName={contact.proxyName} /> : null}
      <Card className="p-6">
        <form onSubmit={submit} noValidate className="space-y-6">
          {errors.message ? <Alert>{errors.message}</Alert> : null}
          {saved ? <Alert tone="success">Saved.</Alert> : null}
          <div className="grid gap-4 md:grid-cols-2">
            {TEXT_FIELDS.map(([name, label, hint]) => (
              <Field key={name} label={label} hint={hint} error={errors.fields[name]}>
                <Input name={name} defaultValue={contact?.[name] ?? ""} required={name === "name"} />
              </Field>
            ))}
          </div>
          {kind === "customer" ? (
            <div className="grid gap-4 md:grid-cols-2">
              <Field label="Sales tax code" hint="Taxable or not; new invoices take it." error={errors.fields.salesTaxCodeId}>
                <LookupSelect
                  source="salesTaxCodes"
                  noneLabel="None (QuickBooks' default: taxable)"
                  value={salesTaxCodeId}
                  saved={savedOption(contact?.salesTaxCodeId, contact?.salesTaxCodeName)}
                  onChange={setSalesTaxCodeId}
                />
              </Field>
              <Field label="Sales tax item or group" hint="What new invoices charge on taxable lines." error={errors.fields.salesTaxItemId}>
                <LookupSelect
                  source="salesTaxItems"
                  noneLabel="None"
                  value={salesTaxItemId}
                  saved={savedOption(contact?.salesTaxItemId, contact?.salesTaxItemName)}
                  onChange={setSalesTaxItemId}
                />
              </Field>
            </div>
          ) : null}
          <SendAsField
            noun={kind}
            value={proxy}
            onChange={setProxy}
            recordId={contact?.id}
            error={errors.fields.proxyId}
            className="max-w-md"
          />
          <Field label="Notes" error={errors.fields.notes}>
            <Textarea name="notes" defaultValue={contact?.notes ?? ""} />
          </Field>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="active" defaultChecked={contact?.active ?? true} className="h-4 w-4" />
            Active
          </label>
          <div className="flex gap-2">
            <Button type="submit" disabled={mutation.isPending}>
              {mutation.isPending ? "Saving…" : contact ? "Save changes" : `Create ${words.singular}`}
            </Button>
          </div>
        </form>
      </Card>
      {contact ? <QuickBooksCustomFields type={kind} values={contact.customFields} /> : null}
    </>
  );
}
