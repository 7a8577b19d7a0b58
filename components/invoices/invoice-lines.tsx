"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { formatCents } from "@/lib/money";
import { formatRate, type InvoiceTax, type TaxedLine } from "@/lib/sales-tax";
import { LookupCombobox } from "@/components/lookups/lookup-combobox";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import type { ComboboxOption } from "@/components/ui/combobox";
import { Field } from "@/components/ui/field";
import { centsAsInput } from "@/components/ui/format";
import { Input, Select, Textarea } from "@/components/ui/input";
import { LinesHead, type LineColumn } from "@/components/ui/lines-head";
import { lineAmountPreview } from "./line-amount";

export interface LineDraft {
  /** Keeps each row's inputs in place while rows are added and removed. */
  key: number;
  item: ComboboxOption | null;
  description: string;
  quantity: string;
  rate: string;
  /** The line's own sales tax code; null follows the item. */
  salesTaxCodeId: number | null;
  /** Whether the line is taxed: by its own code, else by its item. */
  taxable: boolean;
  /** The item's own taxable flag, which a line without a code follows. */
  itemTaxable: boolean;
}

let nextLineKey = 1;

/** The editor's columns; a tax code column only when the lines are taxed. */
function lineColumns(taxed: boolean): LineColumn[] {
  return [
    { label: "Line", className: "w-8", srOnly: true },
    { label: "Item", className: "w-64" },
    { label: "Description" },
    { label: "Quantity", className: "w-24" },
    { label: "Rate", className: "w-32" },
    ...(taxed ? [{ label: "Tax code", className: "w-28" }] : []),
    { label: "Amount", className: "w-32 text-right" },
    { label: "Remove", className: "w-10", srOnly: true },
  ];
}

export function blankLine(): LineDraft {
  return {
    key: nextLineKey++,
    item: null,
    description: "",
    quantity: "1",
    rate: "",
    salesTaxCodeId: null,
    taxable: false,
    itemTaxable: false,
  };
}

export function savedLine(line: {
  itemId: number;
  itemName: string;
  description: string | null;
  quantity: number;
  rateCents: number;
  salesTaxCodeId?: number | null;
  taxable?: boolean;
  itemTaxable?: boolean;
}): LineDraft {
  return {
    key: nextLineKey++,
    item: { id: line.itemId, name: line.itemName },
    description: line.description ?? "",
    quantity: String(line.quantity),
    rate: centsAsInput(line.rateCents),
    salesTaxCodeId: line.salesTaxCodeId ?? null,
    taxable: line.taxable ?? false,
    itemTaxable: line.itemTaxable ?? false,
  };
}

/** The lines as typed so far, as the tax sees them: those whose quantity and rate are valid. */
export function taxedLines(lines: LineDraft[]): TaxedLine[] {
  return lines.map((line) => ({ amountCents: lineAmountPreview(line.quantity, line.rate) ?? 0, taxable: line.taxable }));
}

/** The lines' total as typed so far, before tax. */
export function linesTotal(lines: LineDraft[]): number {
  return taxedLines(lines).reduce((sum, line) => sum + line.amountCents, 0);
}

interface InvoiceLinesProps {
  lines: LineDraft[];
  onChange: (update: (lines: LineDraft[]) => LineDraft[]) => void;
  /** Field errors keyed like "lines.0.quantity", plus "lines" for the lines as a whole. */
  errors: Record<string, string>;
  /**
   * The live subtotal, tax and total, and the rate charged (`charged` when a sales tax item is chosen). Left out for
   * lines that are never taxed (a purchase order's): no tax code column, and the total is the lines'.
   */
  tax?: { amounts: InvoiceTax; ratePercent: number; charged: boolean };
}

/** The line editor: an item per line fills its description and rate, which stay editable; amounts update as you type. */
export function InvoiceLines({ lines, onChange, errors, tax }: InvoiceLinesProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const taxed = tax !== undefined;
  const totalCents = tax ? tax.amounts.totalCents : linesTotal(lines);
  // The footer's labels span description, quantity, rate and (when taxed) the tax code.
  const labelSpan = taxed ? 4 : 3;
  // A company has a handful of codes: all of them, with whether each is taxable, for the lines' live tax.
  const codes = useQuery({ ...trpc.salesTaxCodes.list.queryOptions({ pageSize: 200, sort: "name" }), enabled: taxed });

  /** A line's own code, or none (null): it is then taxed as its item is. */
  function chooseCode(line: LineDraft, codeId: number | null) {
    const code = codes.data?.rows.find((row) => row.id === codeId);
    change(line.key, { salesTaxCodeId: codeId, taxable: code ? code.taxable : line.itemTaxable });
  }

  function change(key: number, patch: Partial<LineDraft>) {
    onChange((current) => current.map((line) => (line.key === key ? { ...line, ...patch } : line)));
  }

  async function pickItem(key: number, item: ComboboxOption | null) {
    change(key, { item });
    if (!item) return;
    const detail = await queryClient.fetchQuery(trpc.items.get.queryOptions({ id: item.id })).catch(() => null);
    if (!detail) return;
    // Only if the line still has this item: a quicker second pick wins.
    onChange((current) =>
      current.map((line) =>
        line.key === key && line.item?.id === item.id
          ? {
              ...line,
              description: detail.description ?? line.description,
              rate: detail.salesPriceCents === null ? line.rate : centsAsInput(detail.salesPriceCents),
              // A line without a code of its own is taxed as its item is.
              itemTaxable: detail.taxable,
              taxable: line.salesTaxCodeId === null ? detail.taxable : line.taxable,
            }
          : line,
      ),
    );
  }

  return (
    <div className="space-y-3">
      <table className="w-full text-left text-sm" aria-label="Invoice lines">
        <LinesHead columns={lineColumns(taxed)} />
        <tbody className="divide-y divide-slate-100">
          {lines.map((line, index) => {
            const number = index + 1;
            const error = (field: string) => errors[`lines.${index}.${field}`];
            const amount = lineAmountPreview(line.quantity, line.rate);
            return (
              <tr key={line.key} className="align-top">
                <td className="py-2 pr-2 pt-4 text-xs text-slate-500 tabular-nums">{number}</td>
                <td className="py-2 pr-3">
                  <Field label={`Item, line ${number}`} hideLabel error={error("itemId")}>
                    <LookupCombobox
                      source="items"
                      value={line.item}
                      onChange={(item) => void pickItem(line.key, item)}
                      placeholder="Search items"
                    />
                  </Field>
                </td>
                <td className="py-2 pr-3">
                  <Field label={`Description, line ${number}`} hideLabel error={error("description")}>
                    <Textarea
                      rows={1}
                      className="min-h-9"
                      value={line.description}
                      onChange={(event) => change(line.key, { description: event.target.value })}
                    />
                  </Field>
                </td>
                <td className="py-2 pr-3">
                  <Field label={`Quantity, line ${number}`} hideLabel error={error("quantity")}>
                    <Input
                      inputMode="decimal"
                      value={line.quantity}
                      onChange={(event) => change(line.key, { quantity: event.target.value })}
                    />
                  </Field>
                </td>
                <td className="py-2 pr-3">
                  <Field label={`Rate, line ${number}`} hideLabel error={error("rate")}>
                    <Input
                      inputMode="decimal"
                      placeholder="0.00"
                      value={line.rate}
                      onChange={(event) => change(line.key, { rate: event.target.value })}
                    />
                  </Field>
                </td>
                {taxed ? (
                  <td className="py-2 pr-3">
                    <Field label={`Tax code, line ${number}`} hideLabel error={error("salesTaxCodeId")}>
                      <Select
                        value={line.salesTaxCodeId ?? ""}
                        onChange={(event) => chooseCode(line, event.target.value ? Number(event.target.value) : null)}
                      >
                        <option value="">Item&apos;s ({line.itemTaxable ? "taxable" : "non-taxable"})</option>
                        {codes.data?.rows.map((code) => (
                          <option key={code.id} value={code.id}>
                            {code.name}
                          </option>
                        ))}
                      </Select>
                    </Field>
                  </td>
                ) : null}
                <td className="py-2 pr-3 pt-4 text-right tabular-nums">
                  {amount === null ? <span className="text-slate-400">—</span> : formatCents(amount)}
                  {taxed && line.taxable ? (
                    <span className="ml-1 text-xs text-slate-500" title="Taxable">
                      T
                    </span>
                  ) : null}
                </td>
                <td className="py-2">
                  <Button
                    type="button"
                    variant="ghost"
                    size="icon"
                    aria-label={`Remove line ${number}`}
                    title={lines.length === 1 ? "An invoice needs at least one line" : `Remove line ${number}`}
                    disabled={lines.length === 1}
                    onClick={() => onChange((current) => current.filter((other) => other.key !== line.key))}
                  >
                    <Trash2 size={16} aria-hidden />
                  </Button>
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr className="border-t border-slate-200">
            <td colSpan={2} className="pt-3">
              <Button type="button" variant="secondary" size="sm" onClick={() => onChange((current) => [...current, blankLine()])}>
                <Plus size={16} aria-hidden /> Add line
              </Button>
            </td>
            {tax?.charged ? (
              <>
                <th scope="row" colSpan={labelSpan} className="pt-3 pr-3 text-right font-medium text-slate-600">
                  Subtotal
                </th>
                <td className="pt-3 pr-3 text-right tabular-nums">{formatCents(tax.amounts.subtotalCents)}</td>
              </>
            ) : (
              <td colSpan={labelSpan + 1} />
            )}
            <td />
          </tr>
          {tax?.charged ? (
            <tr>
              <td colSpan={2} />
              <th scope="row" colSpan={labelSpan} className="pt-1 pr-3 text-right font-medium text-slate-600">
                Sales tax ({formatRate(tax.ratePercent)} of {formatCents(tax.amounts.taxableCents)} taxable)
              </th>
              <td className="pt-1 pr-3 text-right tabular-nums" aria-label="Sales tax amount">
                {formatCents(tax.amounts.taxCents)}
              </td>
              <td />
            </tr>
          ) : null}
          <tr>
            <td colSpan={2} />
            <th scope="row" colSpan={labelSpan} className="pt-1 pr-3 text-right font-semibold text-slate-700">
              Total
            </th>
            <td className="pt-1 pr-3 text-right text-base font-semibold tabular-nums" aria-live="polite" aria-label="Invoice total">
              {formatCents(totalCents)}
            </td>
            <td />
          </tr>
        </tfoot>
      </table>
      {errors.lines ? (
        <p role="alert" className="text-sm text-red-700">
          {errors.lines}
        </p>
      ) : null}
    </div>
  );
}
