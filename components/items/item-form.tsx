"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { Item, ItemDetail, ItemInput } from "@/server/records/items";
import { LookupCombobox } from "@/components/lookups/lookup-combobox";
import { SendAsField, SentAsNotice } from "@/components/lookups/send-as-field";
import { QuickBooksCustomFields } from "@/components/sync/quickbooks-custom-fields";
import { RecordSyncPanel } from "@/components/sync/record-sync-status";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert, Card, PageHeader } from "@/components/ui/card";
import type { ComboboxOption } from "@/components/ui/combobox";
import { CheckboxField, Field } from "@/components/ui/field";
import { centsAsInput } from "@/components/ui/format";
import { formErrors } from "@/components/ui/form-errors";
import { Input, Select, Textarea } from "@/components/ui/input";
import { useSavedNotice } from "@/components/ui/use-saved-notice";
import { ITEM_KIND_LABELS } from "./words";

export function EditItem({ id }: { id: number }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.items.get.queryOptions({ id }));
  return <ItemForm item={data} />;
}

function proxyOf(item: ItemDetail | undefined): ComboboxOption | null {
  return item?.proxyId && item.proxyName ? { id: item.proxyId, name: item.proxyName } : null;
}

function categoryOf(item: ItemDetail | undefined): ComboboxOption | null {
  return item?.parentId && item.categoryName ? { id: item.parentId, name: item.categoryName } : null;
}

export function ItemForm({ item }: { item?: ItemDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigation = useRouter();
  const [notice, setNotice] = useSavedNotice("Item created.");
  const [proxy, setProxy] = useState<ComboboxOption | null>(() => proxyOf(item));
  const [category, setCategory] = useState<ComboboxOption | null>(() => categoryOf(item));
  const onSuccess = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.items.pathKey() });
    // Names and proxies change what the item pickers offer.
    await queryClient.invalidateQueries({ queryKey: trpc.lookups.pathKey() });
  };
  const create = useMutation(trpc.items.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.items.update.mutationOptions({ onSuccess }));
  const mutation = item ? update : create;
  const errors = formErrors(mutation.error);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "");
    const data: ItemInput = {
      kind: text("kind") as Item["kind"],
      name: text("name"),
      description: text("description"),
      salesPrice: text("salesPrice"),
      incomeAccount: text("incomeAccount"),
      taxable: form.get("taxable") === "on",
      active: form.get("active") === "on",
      proxyId: proxy?.id ?? null,
      parentId: category?.id ?? null,
    };
    setNotice(null);
    try {
      if (item) {
        const saved = await update.mutateAsync({ id: item.id, data });
        setProxy(proxyOf(saved));
        setCategory(categoryOf(saved));
        setNotice("Saved.");
      } else {
        const created = await create.mutateAsync(data);
        navigation.replace(`/items/${created.id}?created=1`);
      }
    } catch {
      // The form shows the errors.
    }
  }

  return (
    <>
      <PageHeader
        title={item ? item.fullName : "New item"}
        actions={
          <Button variant="secondary" asChild>
            <Link href="/items">Back to items</Link>
          </Button>
        }
      />
      {item ? <RecordSyncPanel type="item" id={item.id} /> : null}
      {item ? <SentAsNotice noun="item" proxyName={item.proxyName} /> : null}
      <Card className="max-w-3xl p-6">
        <form onSubmit={submit} noValidate className="space-y-6">
          {errors.message ? <Alert>{errors.message}</Alert> : null}
          {notice ? <Alert tone="success">{notice}</Alert> : null}
          <div className="grid gap-4 md:grid-cols-2">
            <Field label="Name" hint="As it appears in QuickBooks (at most 31 characters)." error={errors.fields.name}>
              <Input name="name" defaultValue={item?.name ?? ""} required />
            </Field>
            <Field
              label="Category"
              hint="The item this one is a sub-item of, as in QuickBooks (Landscaping for Landscaping:Mulching). Leave it blank for none."
              error={errors.fields.parentId}
            >
              <LookupCombobox
                source="itemCategories"
                value={category}
                onChange={setCategory}
                exceptId={item?.id}
                placeholder="None (top level)"
              />
            </Field>
            <Field label="Kind" error={errors.fields.kind}>
              <Select name="kind" defaultValue={item?.kind ?? "service"}>
                {Object.entries(ITEM_KIND_LABELS).map(([kind, label]) => (
                  <option key={kind} value={kind}>
                    {label}
                  </option>
                ))}
              </Select>
            </Field>
            <Field
              label="Sales price"
              hint="Fills the rate on new invoice lines. Leave blank to type it each time."
              error={errors.fields.salesPrice}
            >
              <Input name="salesPrice" inputMode="decimal" defaultValue={centsAsInput(item?.salesPriceCents)} placeholder="0.00" />
            </Field>
            <Field
              label="Income account"
              hint="The QuickBooks income account by its full name, such as Service Income or Income:Lawn Care."
              error={errors.fields.incomeAccount}
            >
              <Input name="incomeAccount" defaultValue={item?.incomeAccount ?? ""} required />
            </Field>
          </div>
          <Field label="Description" hint="Fills the description on new invoice lines." error={errors.fields.description}>
            <Textarea name="description" defaultValue={item?.description ?? ""} />
          </Field>
          <SendAsField
            noun="item"
            value={proxy}
            onChange={setProxy}
            recordId={item?.id}
            error={errors.fields.proxyId}
            className="max-w-md"
          />
          <div className="flex flex-wrap gap-x-8 gap-y-3">
            <CheckboxField name="taxable" label="Taxable" defaultChecked={item?.taxable ?? false} error={errors.fields.taxable} />
            <CheckboxField
              name="active"
              label="Active"
              hint="Inactive items stay on saved invoices but cannot be picked for new lines."
              defaultChecked={item?.active ?? true}
              error={errors.fields.active}
            />
          </div>
          <Button type="submit" disabled={mutation.isPending}>
            {mutation.isPending ? "Saving…" : item ? "Save changes" : "Create item"}
          </Button>
        </form>
      </Card>
      {item ? <QuickBooksCustomFields type="item" values={item.customFields} className="mt-6 max-w-3xl p-6" /> : null}
    </>
  );
}
