"use client";

import { useQuery } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { ACTION_WORDS, ENTITY_TYPES, ENTITY_WORDS } from "@/components/sync/words";
import { Button } from "@/components/ui/button";
import { CheckboxField, Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import type { SyncSettings } from "./sync-settings-form";

type Rule = SyncSettings["autoApprove"][number];

const MAX_RULES = 20;
// A rule approves ordinary changes; a record found on both sides (a match) is always a person's decision.
const ACTIONS: Rule["actions"] = ["add", "modify", "delete"];
const NEW_RULE: Rule = { direction: "import", entityType: "payment", actions: ["add"], paymentMethod: null };

/** The automatic approval rules: none by default, so every change waits for a person. */
export function AutoApproveRules(props: { rules: Rule[]; onChange: (rules: Rule[]) => void; errors: Record<string, string> }) {
  const trpc = useTRPC();
  const methods = useQuery(trpc.paymentMethods.list.queryOptions({ pageSize: 200, sort: "name" }));
  const methodNames = methods.data?.rows.map((row) => row.name) ?? [];
  const { rules, onChange, errors } = props;
  const update = (index: number, rule: Rule) => onChange(rules.map((old, at) => (at === index ? rule : old)));
  return (
    <div className="space-y-3">
      <p className="text-xs text-slate-500">
        A rule approves the matching candidates at each run as if a person had ticked them, and the audit log records it under the
        rule&apos;s name. With no rule, every change waits in the Sync Wizard. Rules approve exports only once the first import is done, and
        never a candidate the sync settings hold back. &ldquo;Paid by&rdquo; compares the method&apos;s name, ignoring case: the method in
        Ledgerbridge for an export, the method in QuickBooks for an import. Example: approve new payments from QuickBooks paid by Credit
        Card.
      </p>
      {rules.length === 0 ? <p className="text-sm text-slate-700">Off: no rules.</p> : null}
      <ol className="space-y-3">
        {rules.map((rule, index) => (
          <li key={index} className="space-y-2 rounded-md border border-slate-200 p-3" aria-label={`Rule ${index + 1}`}>
            <div className="flex flex-wrap items-end gap-3">
              <Field label="Direction" className="w-56">
                <Select
                  value={rule.direction}
                  onChange={(event) => update(index, { ...rule, direction: event.target.value as Rule["direction"] })}
                >
                  <option value="import">Import from QuickBooks</option>
                  <option value="export">Export to QuickBooks</option>
                </Select>
              </Field>
              <Field label="Record type" className="w-48">
                <Select
                  value={rule.entityType}
                  onChange={(event) => {
                    const entityType = event.target.value as Rule["entityType"];
                    update(index, { ...rule, entityType, paymentMethod: entityType === "payment" ? rule.paymentMethod : null });
                  }}
                >
                  {ENTITY_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {ENTITY_WORDS[type].plural}
                    </option>
                  ))}
                </Select>
              </Field>
              {rule.entityType === "payment" ? (
                <Field label="Paid by" className="w-56" error={errors[`autoApprove.${index}.paymentMethod`]}>
                  <Select
                    value={rule.paymentMethod ?? ""}
                    onChange={(event) => update(index, { ...rule, paymentMethod: event.target.value || null })}
                  >
                    <option value="">Any payment method</option>
                    {[...new Set([...methodNames, ...(rule.paymentMethod ? [rule.paymentMethod] : [])])].map((name) => (
                      <option key={name} value={name}>
                        {name}
                      </option>
                    ))}
                  </Select>
                </Field>
              ) : null}
              <Button type="button" variant="ghost" size="sm" onClick={() => onChange(rules.filter((_, at) => at !== index))}>
                <Trash2 size={16} aria-hidden /> Remove rule {index + 1}
              </Button>
            </div>
            <fieldset className="space-y-1">
              <legend className="text-sm font-medium text-slate-700">Approves</legend>
              <div className="flex flex-wrap gap-x-6 gap-y-1">
                {ACTIONS.map((action) => (
                  <CheckboxField
                    key={action}
                    label={ACTION_WORDS[action].label}
                    checked={rule.actions.includes(action)}
                    onChange={(event) =>
                      update(index, {
                        ...rule,
                        actions: event.target.checked
                          ? ACTIONS.filter((a) => a === action || rule.actions.includes(a))
                          : rule.actions.filter((a) => a !== action),
                      })
                    }
                  />
                ))}
              </div>
              {errors[`autoApprove.${index}.actions`] ? (
                <p className="text-xs text-red-700" role="alert">
                  {errors[`autoApprove.${index}.actions`]}
                </p>
              ) : null}
            </fieldset>
          </li>
        ))}
      </ol>
      {errors.autoApprove ? (
        <p className="text-xs text-red-700" role="alert">
          {errors.autoApprove}
        </p>
      ) : null}
      <Button
        type="button"
        variant="secondary"
        size="sm"
        disabled={rules.length >= MAX_RULES}
        onClick={() => onChange([...rules, NEW_RULE])}
      >
        <Plus size={16} aria-hidden /> Add a rule
      </Button>
    </div>
  );
}
