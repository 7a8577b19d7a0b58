"use client";

import { Plus } from "lucide-react";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import { formErrors } from "@/components/ui/form-errors";
import { Input } from "@/components/ui/input";

/** What the row being edited holds: text for text and number inputs, true/false for checkboxes. */
export type InlineValues = Record<string, string | boolean>;

export interface InlineColumn<Row> {
  /** The field's name as the server names it, so its error lands under its input. */
  key: string;
  label: string;
  /** "shown": read only, the same while the row is edited (where the entry stands with QuickBooks). */
  type: "text" | "number" | "checkbox" | "shown";
  show: (row: Row) => ReactNode;
  className?: string;
}

export interface InlineListProps<Row extends { id: number; name: string }> {
  title: string;
  description: string;
  /** One entry, as a person says it: "payment method". */
  noun: string;
  columns: InlineColumn<Row>[];
  /** The list query of the current page, as useQuery returns it. */
  query: { data?: { rows: Row[]; total: number }; isFetching: boolean; error: { message: string } | null };
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  valuesOf: (row: Row) => InlineValues;
  blank: InlineValues;
  /** Creates (id null) or updates the entry; rejects with the server's error. */
  save: (id: number | null, values: InlineValues) => Promise<unknown>;
}

/** A short list edited in place: one row at a time becomes inputs, and a last row adds an entry. */
export function InlineList<Row extends { id: number; name: string }>(props: InlineListProps<Row>) {
  const { title, noun, columns, page, pageSize, query } = props;
  const rows = query.data?.rows;
  const total = query.data?.total ?? 0;
  const loadError = query.error?.message;
  const headingId = useId();
  const formId = useId();
  const [editing, setEditing] = useState<number | "new" | null>(null);
  const [values, setValues] = useState<InlineValues>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const errors = formErrors(failure);
  const lastPage = Math.max(1, Math.ceil(total / pageSize));

  function start(target: number | "new", initial: InlineValues) {
    setEditing(target);
    setValues(initial);
    setFailure(null);
    setNotice(null);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (editing === null) return;
    setPending(true);
    try {
      await props.save(editing === "new" ? null : editing, values);
      setNotice(`Saved ${String(values.name).trim() || `the ${noun}`}.`);
      setEditing(null);
      setFailure(null);
    } catch (error) {
      setFailure(error);
    } finally {
      setPending(false);
    }
  }

  const editRow = (key: string, row?: Row) => (
    <tr key={key} className="bg-brand-50/40 align-top">
      {columns.map((column, index) =>
        column.type === "shown" ? (
          <td key={column.key} className={cn("px-3 py-2.5", column.className)}>
            {row ? column.show(row) : null}
          </td>
        ) : (
          <td key={column.key} className={cn("px-3 py-2", column.className)}>
            <Field label={column.label} hideLabel error={errors.fields[column.key]}>
              {column.type === "checkbox" ? (
                <input
                  type="checkbox"
                  form={formId}
                  className="mt-2.5 h-4 w-4 accent-brand-600"
                  checked={values[column.key] === true}
                  onChange={(event) => setValues({ ...values, [column.key]: event.target.checked })}
                />
              ) : (
                <Input
                  form={formId}
                  inputMode={column.type === "number" ? "numeric" : undefined}
                  autoFocus={index === 0}
                  value={String(values[column.key] ?? "")}
                  onChange={(event) => setValues({ ...values, [column.key]: event.target.value })}
                  onKeyDown={(event) => event.key === "Escape" && setEditing(null)}
                />
              )}
            </Field>
          </td>
        ),
      )}
      <td className="px-3 py-2 text-right whitespace-nowrap">
        <Button type="submit" form={formId} size="sm" disabled={pending}>
          {pending ? "Saving…" : editing === "new" ? "Add" : "Save"}
        </Button>
        <Button type="button" variant="ghost" size="sm" className="ml-1" onClick={() => setEditing(null)}>
          Cancel
        </Button>
      </td>
    </tr>
  );

  return (
    <Card aria-labelledby={headingId} className="overflow-hidden">
      <div className="border-b border-slate-200 px-4 py-3">
        <h2 id={headingId} className="text-base font-semibold text-slate-900">
          {title}
        </h2>
        <p className="text-sm text-slate-600">{props.description}</p>
      </div>
      {errors.message ? <Alert className="m-3">{errors.message}</Alert> : null}
      {notice ? (
        <Alert tone="success" className="m-3">
          {notice}
        </Alert>
      ) : null}
      <form id={formId} onSubmit={submit} noValidate />
      <table className="w-full text-left text-sm" aria-labelledby={headingId} aria-busy={query.isFetching}>
        <thead className="bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" className={cn("px-3 py-2", column.className)}>
                {column.label}
              </th>
            ))}
            <th scope="col" className="w-36 px-3 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {loadError ? (
            <tr>
              <td colSpan={columns.length + 1} role="alert" className="px-3 py-6 text-center text-red-700">
                Could not load the {noun}s: {loadError} Reload the page to try again.
              </td>
            </tr>
          ) : !rows ? (
            <tr>
              <td colSpan={columns.length + 1} className="px-3 py-3">
                <div className="h-4 animate-pulse rounded bg-slate-100" />
              </td>
            </tr>
          ) : rows.length === 0 && editing !== "new" ? (
            <tr>
              <td colSpan={columns.length + 1} className="px-3 py-6 text-center text-slate-600">
                No {noun}s yet. Add one below.
              </td>
            </tr>
          ) : null}
          {rows?.map((row) =>
            editing === row.id ? (
              editRow(String(row.id), row)
            ) : (
              <tr key={row.id} className="align-top">
                {columns.map((column) => (
                  <td key={column.key} className={cn("px-3 py-2.5", column.className)}>
                    {column.show(row)}
                  </td>
                ))}
                <td className="px-3 py-1.5 text-right">
                  <Button
                    type="button"
                    variant="ghost"
                    size="sm"
                    aria-label={`Edit ${row.name}`}
                    onClick={() => start(row.id, props.valuesOf(row))}
                  >
                    Edit
                  </Button>
                </td>
              </tr>
            ),
          )}
          {editing === "new" ? editRow("new") : null}
        </tbody>
      </table>
      <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-3 py-2 text-sm text-slate-600">
        <Button type="button" variant="secondary" size="sm" disabled={editing === "new"} onClick={() => start("new", props.blank)}>
          <Plus size={16} aria-hidden /> Add {noun}
        </Button>
        {total > pageSize ? (
          <div className="flex items-center gap-2">
            <Button type="button" variant="secondary" size="sm" disabled={page <= 1} onClick={() => props.onPage(page - 1)}>
              Previous
            </Button>
            <span>
              Page {page} of {lastPage}
            </span>
            <Button type="button" variant="secondary" size="sm" disabled={page >= lastPage} onClick={() => props.onPage(page + 1)}>
              Next
            </Button>
          </div>
        ) : null}
      </div>
    </Card>
  );
}
