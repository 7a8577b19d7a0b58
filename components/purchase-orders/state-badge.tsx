import type { PurchaseOrderState } from "@/server/records/purchase-orders";
import { Badge } from "@/components/ui/card";

const STATE_WORDS: Record<PurchaseOrderState, { label: string; className: string }> = {
  open: { label: "Open", className: "bg-amber-50 text-amber-800" },
  received: { label: "Received", className: "bg-emerald-50 text-emerald-800" },
  closed: { label: "Closed", className: "bg-slate-100 text-slate-700" },
};

export function PurchaseOrderStateBadge({ state }: { state: PurchaseOrderState }) {
  return <Badge className={STATE_WORDS[state].className}>{STATE_WORDS[state].label}</Badge>;
}
