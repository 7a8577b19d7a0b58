import { Badge } from "@/components/ui/card";

/** The lists' marker of a transaction kept out of QuickBooks. */
export function NcOnlyBadge() {
  return (
    <Badge className="bg-slate-100 text-slate-600" title="Not for QuickBooks: never sent there">
      NC Only
    </Badge>
  );
}
