import type { Invoice } from "@/server/records/invoices";
import { Badge } from "@/components/ui/card";

export const INVOICE_STATUS_LABELS: Record<Invoice["status"], string> = { draft: "Draft", final: "Final" };

export function InvoiceStatusBadge({ status }: { status: Invoice["status"] }) {
  return (
    <Badge className={status === "final" ? "bg-brand-50 text-brand-800" : "bg-amber-50 text-amber-800"}>
      {INVOICE_STATUS_LABELS[status]}
    </Badge>
  );
}
