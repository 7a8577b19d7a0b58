"use client";

import { Plus, Trash2 } from "lucide-react";
import { formatCents, money } from "@/lib/money";
import { lineAmountPreview } from "@/components/invoices/line-amount";
import { LookupCombobox } from "@/components/lookups/lookup-combobox";
import { Button } from "@/components/ui/button";
import type { ComboboxOption } from "@/components/ui/combobox";
import { Field } from "@/components/ui/field";
import { centsAsInput } from "@/components/ui/format";
import { Input } from "@/components/ui/input";
import { LinesHead, type LineColumn } from "@/components/ui/lines-head";

/** An expense line as typed: money booked to an account. */
export interface ExpenseLineDraft {
  key: number;
  account: ComboboxOption | null;
  amount: string;
  memo: string;
}

/** An item line as typed: an item bought, at a cost per unit. */
export interface ItemLineDraft {
  key: number;
  item: ComboboxOption | null;
  description: string;
  quantity: string;
  cost: string;
  /** The purchase order line it bills, kept through edits; null for a line of its own. */
  purchaseOrderLineId: number | null;
}

let nextLineKey = 1;

const EXPENSE_LINE_COLUMNS: LineColumn[] = [
  { label: "Account", className: "w-72" },
  { label: "Amount", className: "w-36" },
  { label: "Memo" },
  { label: "Remove", className: "w-10", srOnly: true },
];

const ITEM_LINE_COLUMNS: LineColumn[] = [
  { label: "Item", className: "w-64" },
  { label: "Description" },
  { label: "Quantity", className: "w-24" },
  { label: "Cost", className: "w-32" },
  { label: "Amount", className: "w-32 text-right" },
  { label: "Remove", className: "w-10", srOnly: true },
];
const amountField = money("amount");

export function blankExpenseLine(): ExpenseLineDraft {
  return { key: nextLineKey++, account: null, amount: "", memo: "" };
}

export function blankItemLine(): ItemLineDraft {
  return { key: nextLineKey++, item: null, description: "", quantity: "1", cost: "", purchaseOrderLineId: null };
}

export function savedExpenseLine(line: { accountId: number | null; accountName: string | null; amountCents: number; memo: string | null }) {
  return {
    key: nextLineKey++,
    account: line.accountId === null ? null : { id: line.accountId, name: line.accountName ?? "" },
    amount: centsAsInput(line.amountCents),
    memo: line.memo ?? "",
  };
}

export function savedItemLine(line: {
  itemId: number | null;
  itemName: string | null;
  memo: string | null;
  quantity: number | null;
  costCents: number | null;
  purchaseOrderLineId: number | null;
}): ItemLineDraft {
  return {
    key: nextLineKey++,
    item: line.itemId === null ? null : { id: line.itemId, name: line.itemName ?? "" },
    description: line.memo ?? "",
    quantity: String(line.quantity ?? 1),
    cost: centsAsInput(line.costCents),
    purchaseOrderLineId: line.purchaseOrderLineId,
  };
}

/** The bill total as typed so far: the lines whose amounts are valid. */
export function billTotal(expenses: ExpenseLineDraft[], items: ItemLineDraft[]): number {
  const expenseSum = expenses.reduce((sum, line) => {
    const parsed = amountField.safeParse(line.amount);
    return sum + (parsed.success ? parsed.data : 0);
  }, 0);
  return expenseSum + items.reduce((sum, line) => sum + (lineAmountPreview(line.quantity, line.cost) ?? 0), 0);
}

interface LinesProps<Line> {
  lines: Line[];
  onChange: (update: (lines: Line[]) => Line[]) => void;
  /** Field errors keyed like "expenseLines.0.amount". */
  errors: Record<string, string>;
}

function RemoveLine({ label, onRemove }: { label: string; onRemove: () => void }) {
  return (
    <Button type="button" variant="ghost" size="icon" aria-label={label} title={label} onClick={onRemove}>
      <Trash2 size={16} aria-hidden />
    </Button>
  );
}

function AddLine({ label, onAdd }: { label: string; onAdd: () => void }) {
  return (
    <Button type="button" variant="secondary" size="sm" onClick={onAdd}>
      <Plus size={16} aria-hidden /> {label}
    </Button>
  );
}

/** Expense lines: an account from QuickBooks' chart of accounts, an amount and a memo. */
export function ExpenseLines({ lines, onChange, errors }: LinesProps<ExpenseLineDraft>) {
  const change = (key: number, patch: Partial<ExpenseLineDraft>) =>
    onChange((current) => current.map((line) => (line.key === key ? { ...line, ...patch } : line)));
  return (
    <div className="space-y-3">
      <table className="w-full text-left text-sm" aria-label="Expense lines">
        <LinesHead columns={EXPENSE_LINE_COLUMNS} />
        <tbody className="divide-y divide-slate-100">
          {lines.map((line, index) => {
            const number = index + 1;
            const error = (field: string) => errors[`expenseLines.${index}.${field}`];
            return (
              <tr key={line.key} className="align-top">
                <td className="py-2 pr-3">
                  <Field label={`Account, expense line ${number}`} hideLabel error={error("accountId")}>
                    <LookupCombobox
                      source="accounts"
                      value={line.account}
                      onChange={(account) => change(line.key, { account })}
                      placeholder="Search accounts"
                    />
                  </Field>
                </td>
                <td className="py-2 pr-3">
                  <Field label={`Amount, expense line ${number}`} hideLabel error={error("amount")}>
                    <Input
                      inputMode="decimal"
                      placeholder="0.00"
                      value={line.amount}
                      onChange={(event) => change(line.key, { amount: event.target.value })}
                    />
                  </Field>
                </td>
                <td className="py-2 pr-3">
                  <Field label={`Memo, expense line ${number}`} hideLabel error={error("memo")}>
                    <Input value={line.memo} onChange={(event) => change(line.key, { memo: event.target.value })} />
                  </Field>
                </td>
                <td className="py-2">
                  <RemoveLine
                    label={`Remove expense line ${number}`}
                    onRemove={() => onChange((current) => current.filter((other) => other.key !== line.key))}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <AddLine label="Add expense line" onAdd={() => onChange((current) => [...current, blankExpenseLine()])} />
    </div>
  );
}

/** Item lines: an item, what it is, how many and at what cost; the amount follows as you type. */
export function ItemLines({ lines, onChange, errors }: LinesProps<ItemLineDraft>) {
  const change = (key: number, patch: Partial<ItemLineDraft>) =>
    onChange((current) => current.map((line) => (line.key === key ? { ...line, ...patch } : line)));
  return (
    <div className="space-y-3">
      <table className="w-full text-left text-sm" aria-label="Item lines">
        <LinesHead columns={ITEM_LINE_COLUMNS} />
        <tbody className="divide-y divide-slate-100">
          {lines.map((line, index) => {
            const number = index + 1;
            const error = (field: string) => errors[`itemLines.${index}.${field}`];
            const amount = lineAmountPreview(line.quantity, line.cost);
            return (
              <tr key={line.key} className="align-top">
                <td className="py-2 pr-3">
                  <Field label={`Item, item line ${number}`} hideLabel error={error("itemId")}>
                    <LookupCombobox
                      source="items"
                      value={line.item}
                      onChange={(item) => change(line.key, { item })}
                      placeholder="Search items"
                    />
                  </Field>
                </td>
                <td className="py-2 pr-3">
                  <Field label={`Description, item line ${number}`} hideLabel error={error("description")}>
                    <Input value={line.description} onChange={(event) => change(line.key, { description: event.target.value })} />
                  </Field>
                </td>
                <td className="py-2 pr-3">
                  <Field label={`Quantity, item line ${number}`} hideLabel error={error("quantity")}>
                    <Input
                      inputMode="decimal"
                      value={line.quantity}
                      onChange={(event) => change(line.key, { quantity: event.target.value })}
                    />
                  </Field>
                </td>
                <td className="py-2 pr-3">
                  <Field label={`Cost, item line ${number}`} hideLabel error={error("cost")}>
                    <Input
                      inputMode="decimal"
                      placeholder="0.00"
                      value={line.cost}
                      onChange={(event) => change(line.key, { cost: event.target.value })}
                    />
                  </Field>
                </td>
                <td className="py-2 pr-3 pt-4 text-right tabular-nums">
                  {amount === null ? <span className="text-slate-400">—</span> : formatCents(amount)}
                </td>
                <td className="py-2">
                  <RemoveLine
                    label={`Remove item line ${number}`}
                    onRemove={() => onChange((current) => current.filter((other) => other.key !== line.key))}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <AddLine label="Add item line" onAdd={() => onChange((current) => [...current, blankItemLine()])} />
    </div>
  );
}
