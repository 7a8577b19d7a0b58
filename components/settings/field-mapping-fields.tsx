"use client";

import { Plus, Trash2 } from "lucide-react";
import { useId } from "react";
import { ENTITY_WORDS } from "@/components/sync/words";
import { Button } from "@/components/ui/button";
import { CheckboxField, Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { MAPPED_TYPES, SYNCED_FIELDS, type MappedType } from "@/lib/field-mapping";
import type { SyncSettings } from "./sync-settings-form";

type FieldMapping = SyncSettings["fieldMapping"];
type CustomField = FieldMapping["customFields"][number];

const MAX_CUSTOM_FIELDS = 30;
const NEW_CUSTOM_FIELD: CustomField = { entityType: "customer", quickBooksName: "", localName: "" };

interface Props {
  mapping: FieldMapping;
  onChange: (mapping: FieldMapping) => void;
  errors: Record<string, string>;
}

/** Per type, the synced fields (unticked ones are skipped), then QuickBooks custom fields read into local ones. */
export function FieldMappingFields({ mapping, onChange, errors }: Props) {
  const hintId = useId();
  return (
    <div className="space-y-4">
      <p id={hintId} className="text-xs text-slate-500">
        Ticked fields sync both ways. An unticked field crosses in neither direction: changing it on either side raises nothing, an update
        sent to QuickBooks leaves it out (QuickBooks keeps its value), and an import from QuickBooks does not overwrite it here. The name
        always syncs. Example: untick Phone when the office keeps phone numbers in Ledgerbridge only.
      </p>
      {MAPPED_TYPES.map((type) => (
        <SkippedChecklist
          key={type}
          type={type}
          mapping={mapping}
          onChange={onChange}
          error={errors[`fieldMapping.skipped.${type}`]}
          describedBy={hintId}
        />
      ))}
      <CustomFieldMappings mapping={mapping} onChange={onChange} errors={errors} />
    </div>
  );
}

function SkippedChecklist(props: {
  type: MappedType;
  mapping: FieldMapping;
  onChange: Props["onChange"];
  error?: string;
  describedBy: string;
}) {
  const { type, mapping, onChange, error, describedBy } = props;
  const skipped = mapping.skipped[type];
  const toggle = (key: string, synced: boolean) => {
    const next = synced ? skipped.filter((each) => each !== key) : [...skipped, key];
    onChange({ ...mapping, skipped: { ...mapping.skipped, [type]: next } });
  };
  return (
    <fieldset className="space-y-1" aria-describedby={describedBy}>
      <legend className="text-sm font-medium text-slate-700">{ENTITY_WORDS[type].plural}: fields that sync</legend>
      <div className="flex flex-wrap gap-x-6 gap-y-1">
        {SYNCED_FIELDS[type].map((field) => (
          <CheckboxField
            key={field.key}
            label={field.label}
            checked={field.fixed === true || !skipped.includes(field.key)}
            disabled={field.fixed === true}
            onChange={(event) => toggle(field.key, event.target.checked)}
          />
        ))}
      </div>
      {error ? (
        <p className="text-xs text-red-700" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function CustomFieldMappings({ mapping, onChange, errors }: Props) {
  const fields = mapping.customFields;
  const set = (customFields: CustomField[]) => onChange({ ...mapping, customFields });
  const update = (index: number, field: CustomField) => set(fields.map((old, at) => (at === index ? field : old)));
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">QuickBooks custom fields</legend>
      <p className="text-xs text-slate-500">
        A custom field defined in QuickBooks (Additional Info, &ldquo;Define Fields&rdquo;) can be read into a field here: a change to it in
        QuickBooks shows in the Sync Wizard like any other change, and its value is shown on the record&apos;s page, marked &ldquo;From
        QuickBooks&rdquo;. It syncs from QuickBooks only: it cannot be edited here and is never sent to QuickBooks. A value already in
        QuickBooks comes in when that record next changes there. Example: QuickBooks field &ldquo;Region&rdquo; as &ldquo;Sales
        region&rdquo; on customers.
      </p>
      {fields.length === 0 ? <p className="text-sm text-slate-700">None mapped.</p> : null}
      <ol className="space-y-2">
        {fields.map((field, index) => (
          <li key={index} className="flex flex-wrap items-end gap-3" aria-label={`Custom field ${index + 1}`}>
            <Field label="Record type" className="w-40">
              <Select
                value={field.entityType}
                onChange={(event) => update(index, { ...field, entityType: event.target.value as MappedType })}
              >
                {MAPPED_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {ENTITY_WORDS[type].plural}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Name in QuickBooks" className="w-56" error={errors[`fieldMapping.customFields.${index}.quickBooksName`]}>
              <Input value={field.quickBooksName} onChange={(event) => update(index, { ...field, quickBooksName: event.target.value })} />
            </Field>
            <Field label="Name here" className="w-56" error={errors[`fieldMapping.customFields.${index}.localName`]}>
              <Input value={field.localName} onChange={(event) => update(index, { ...field, localName: event.target.value })} />
            </Field>
            <Button type="button" variant="ghost" size="sm" onClick={() => set(fields.filter((_, at) => at !== index))}>
              <Trash2 size={16} aria-hidden /> Remove custom field {index + 1}
            </Button>
          </li>
        ))}
      </ol>
      {errors["fieldMapping.customFields"] ? (
        <p className="text-xs text-red-700" role="alert">
          {errors["fieldMapping.customFields"]}
        </p>
      ) : null}
      <Button
        type="button"
        variant="secondary"
        size="sm"
        disabled={fields.length >= MAX_CUSTOM_FIELDS}
        onClick={() => set([...fields, NEW_CUSTOM_FIELD])}
      >
        <Plus size={16} aria-hidden /> Map a custom field
      </Button>
    </fieldset>
  );
}
