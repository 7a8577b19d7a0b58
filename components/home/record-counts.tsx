import Link from "next/link";
import { Card } from "@/components/ui/card";

export interface RecordCount {
  label: string;
  href: string;
  /** null when the count could not be read; the link still works. */
  count: number | null;
}

/** One card per kind of record: how many there are, and the way to their list. */
export function RecordCounts({ counts }: { counts: RecordCount[] }) {
  return (
    <Card aria-labelledby="records-heading" className="p-6">
      <h2 id="records-heading" className="text-base font-semibold text-slate-900">
        Your records
      </h2>
      <ul className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
        {counts.map(({ label, href, count }) => (
          <li key={href + label}>
            <Link
              href={href}
              className="block rounded-md border border-slate-200 px-4 py-3 hover:border-brand-600 hover:bg-brand-50 focus-visible:bg-brand-50"
            >
              <span className="block text-2xl font-semibold text-slate-900 tabular-nums">
                {count === null ? "—" : count.toLocaleString("en-US")}
              </span>
              <span className="text-sm text-slate-600">{label}</span>
              {count === null ? <span className="block text-xs text-red-700">Could not count them; open the list.</span> : null}
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}
