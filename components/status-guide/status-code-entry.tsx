import Link from "next/link";
import { Badge } from "@/components/ui/card";
import { ACTION_WORDS, guideHref, KIND_WORDS, SEVERITY_CLASSES, type GuideEntry } from "./words";

/** One code of the guide: what it means, what usually causes it, and how to resolve it. */
export function StatusCodeEntry({ entry, headingLevel = 2, linked = true }: { entry: GuideEntry; headingLevel?: 2 | 3; linked?: boolean }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const headingId = `code-${entry.code}-title`;
  return (
    <article id={entry.code} aria-labelledby={headingId} className="scroll-mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex flex-wrap items-center gap-3">
        <span className="font-mono text-sm font-semibold text-slate-900">{entry.code}</span>
        <Badge className={SEVERITY_CLASSES[entry.severity]}>{entry.severity}</Badge>
        <span className="text-xs text-slate-500">{KIND_WORDS[entry.kind] ?? entry.kind}</span>
      </div>
      <Heading id={headingId} className="mt-2 text-base font-semibold text-slate-900">
        {linked ? (
          <Link href={guideHref(entry.code)} className="hover:underline">
            {entry.title}
          </Link>
        ) : (
          entry.title
        )}
      </Heading>
      <dl className="mt-3 grid gap-4 text-sm md:grid-cols-3">
        <div>
          <dt className="font-medium text-slate-600">What it means</dt>
          <dd className="mt-1 text-slate-800">{entry.meaning}</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-600">Common cause</dt>
          <dd className="mt-1 text-slate-800">{entry.commonCause || "—"}</dd>
        </div>
        <div>
          <dt className="font-medium text-slate-600">How to resolve it</dt>
          <dd className="mt-1 text-slate-800">{entry.resolution}</dd>
          {ACTION_WORDS[entry.action] ? <dd className="mt-1 text-slate-600">{ACTION_WORDS[entry.action]}</dd> : null}
        </div>
      </dl>
    </article>
  );
}
