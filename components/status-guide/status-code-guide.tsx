"use client";

import { Search } from "lucide-react";
import { useEffect, useState } from "react";
import { SyncNav } from "@/components/sync/sync-nav";
import { PageHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { useDebouncedValue } from "@/components/ui/use-debounced-value";
import { useUrlFilters } from "@/components/ui/use-table-url-state";
import { StatusCodeEntry } from "./status-code-entry";
import type { GuideEntry } from "./words";

const FILTER_KEYS = ["q"] as const;

/** The Status Code Reference Guide: every code, searched by code or by any word of its text. */
export function StatusCodeGuide({ entries }: { entries: GuideEntry[] }) {
  const { filters, setFilters } = useUrlFilters(FILTER_KEYS);
  const [text, setText] = useState(filters.q ?? "");
  const settled = useDebouncedValue(text, 300);
  useEffect(() => {
    if ((filters.q ?? "") !== settled) setFilters({ q: settled || undefined });
  }, [settled, filters.q, setFilters]);

  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const shown = entries.filter((entry) => {
    const haystack = [entry.code, entry.title, entry.meaning, entry.commonCause, entry.resolution, entry.severity].join(" ").toLowerCase();
    return words.every((word) => haystack.includes(word));
  });

  return (
    <>
      <SyncNav />
      <PageHeader
        title="Status Code Reference Guide"
        description="What QuickBooks' and the Web Connector's codes mean, what usually causes them, and how to resolve them."
      />
      <div className="mb-4 flex flex-wrap items-center gap-4">
        <div className="relative w-full max-w-md">
          <Search size={16} aria-hidden className="pointer-events-none absolute top-2.5 left-2.5 text-slate-400" />
          <Input
            type="search"
            aria-label="Search the status codes"
            placeholder="A code such as 3100, or words such as “in use”"
            value={text}
            onChange={(event) => setText(event.target.value)}
            className="pl-8"
          />
        </div>
        <p aria-live="polite" className="text-sm text-slate-600">
          {shown.length === entries.length ? `${entries.length} codes` : `${shown.length} of ${entries.length} codes match`}
        </p>
      </div>
      {shown.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">
          No code matches “{text}”. Try the number alone (3100), or a word from QuickBooks&apos; message. A code not listed here: ask your
          QuickBooks admin.
        </p>
      ) : (
        <div className="space-y-3">
          {shown.map((entry) => (
            <StatusCodeEntry key={entry.code} entry={entry} />
          ))}
        </div>
      )}
    </>
  );
}
