"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { formatCents } from "@/lib/money";
import { LookupCombobox } from "@/components/lookups/lookup-combobox";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import type { ComboboxOption } from "@/components/ui/combobox";
import { Field } from "@/components/ui/field";
import { centsAsInput } from "@/components/ui/format";
import { Input, Textarea } from "@/components/ui/input";
import { LinesHead, type LineColumn } from "@/components/ui/lines-head";
import { lineAmountPreview } from "./line-amount";

export interface LineDraft {
  /** Keeps each row's inputs in place while rows are added and removed. */
  key: number;
  item: ComboboxOption | null;
  description: string;
  quantity: string;
  rate: string;
}

let nextLineKey = 1;

const INVOICE_LINE_COLUMNS: LineColumn[] = [
  { label: "Line", className: "w-8", srOnly: true },
  { label: "Item", className: "w-64" },
  { label: "Description" },
  { label: "Quantity", className: "w-24" },
  { label: "Rate", className: "w-32" },
  { label: "Amount", className: "w-32 text-right" },
  { label: "Remove", className: "w-10", srOnly: true },
];

export function blankLine(): LineDraft {
  return { key: nextLineKey++, item: null, description: "", quantity: "1", rate: "" };
}

export function savedLine(line: {
  itemId: number;
  itemName: string;
  description: string | null;
  quantity: number;
  rateCents: number;
}): LineDraft {
  return {
    key: nextLineKey++,
    item: { id: line.itemId, name: line.itemName },
    description: line.description ?? "",
    quantity: String(line.quantity),
    rate: centsAsInput(line.rateCents),
  };
}

/** The invoice total as typed so far: the lines whose quantity and rate are valid. */
export function linesTotal(lines: LineDraft[]): number {
  return lines.reduce((sum, line) => sum + (lineAmountPreview(line.quantity, line.rate) ?? 0), 0);
}

interface InvoiceLinesProps {
  lines: LineDraft[];
  onChange: (update: (lines: LineDraft[]) => LineDraft[]) => void;
  /** Field errors keyed like "lines.0.quantity", plus "lines" for the lines as a whole. */
  errors: Record<string, string>;
}

/** The line editor: an item per line fills its description and rate, which stay editable; amounts update as you type. */
export function InvoiceLines({ lines, onChange, errors }: InvoiceLinesProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();

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
            }
          : line,
      ),
    );
  }

  return (
    <div className="space-y-3">
      <table className="w-full text-left text-sm" aria-label="Invoice lines">
        <LinesHead columns={INVOICE_LINE_COLUMNS} />
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
                <td className="py-2 pr-3 pt-4 text-right tabular-nums">
                  {amount === null ? <span className="text-slate-400">—</span> : formatCents(amount)}
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
            <th scope="row" colSpan={3} className="pt-3 pr-3 text-right font-semibold text-slate-700">
              Total
            </th>
            <td className="pt-3 pr-3 text-right text-base font-semibold tabular-nums" aria-live="polite">
              {formatCents(linesTotal(lines))}
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
