"use client";

import { Alert } from "@/components/ui/card";
import type { ComboboxOption } from "@/components/ui/combobox";
import { Field } from "@/components/ui/field";
import { LookupCombobox } from "./lookup-combobox";

type SendAsNoun = "customer" | "vendor" | "item";

const SOURCES = { customer: "customerProxies", vendor: "vendorProxies", item: "itemProxies" } as const;

const EXAMPLES: Record<SendAsNoun, string> = {
  customer: "one “Web Customer” for every online shopper",
  vendor: "one “Misc Suppliers” for occasional suppliers",
  item: "one “Web Sales” item for everything sold online",
};

/** What a proxy does, in the words of each record type. */
const EXPLAINED: Record<SendAsNoun, string> = {
  customer: "its invoices and payments go to QuickBooks under that customer, and this customer is never created there",
  vendor: "QuickBooks knows it as that vendor, and this vendor is never created there",
  item: "invoice lines with this item go to QuickBooks as that item, and this item is never created there",
};

interface SendAsFieldProps {
  noun: SendAsNoun;
  value: ComboboxOption | null;
  onChange: (option: ComboboxOption | null) => void;
  /** The record being edited, left out of the options. */
  recordId?: number;
  error?: string | null;
  className?: string;
}

/** "Send to QuickBooks as": one record QuickBooks holds (a "Web Customer") standing for many here. */
export function SendAsField({ noun, value, onChange, recordId, error, className }: SendAsFieldProps) {
  return (
    <Field
      label="Send to QuickBooks as"
      className={className}
      hint={`Optional. Choose another ${noun} (such as ${EXAMPLES[noun]}): ${EXPLAINED[noun]}. Leave it blank to send this ${noun} as itself.`}
      error={error}
    >
      <LookupCombobox source={SOURCES[noun]} value={value} onChange={onChange} exceptId={recordId} placeholder={`This ${noun} itself`} />
    </Field>
  );
}

/** The record page's note that QuickBooks knows this record by its proxy. */
export function SentAsNotice({ noun, proxyName }: { noun: SendAsNoun; proxyName: string | null }) {
  if (!proxyName) return null;
  return (
    <Alert tone="info" className="mb-4">
      Sent to QuickBooks as <strong>{proxyName}</strong>: {EXPLAINED[noun]}.
    </Alert>
  );
}
