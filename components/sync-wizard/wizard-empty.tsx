import Link from "next/link";
import { plural } from "@/lib/words";
import type { RouterOutputs } from "@/components/trpc/client";

type ConnectorStatus = RouterOutputs["webConnector"]["status"];

/** The empty Sync Wizard: nothing waits, when changes are looked for, and when that last happened. */
export function WizardEmpty({ status, otherSection }: { status: ConnectorStatus | undefined; otherSection: number }) {
  const schedule = status ? ` (every ${plural(status.runEveryNMinutes, "minute")})` : "";
  const lastRun = !status
    ? ""
    : status.lastContactAgo
      ? `; the last run was ${status.lastContactAgo}.`
      : "; the Web Connector has not run yet — an admin sets it up in Settings.";
  return (
    <span className="block space-y-1">
      <span className="block font-medium text-slate-900">Nothing waits for approval.</span>
      <span className="block">
        Changes are found each time the Web Connector runs{schedule}
        {lastRun || "."}
      </span>
      <span className="block">
        Changed something here a moment ago? Use <strong>Find local changes now</strong>.
        {otherSection > 0 ? ` The other section has ${plural(otherSection, "change")} waiting.` : ""}{" "}
        <Link href="/sync/runs" className="text-brand-700 underline">
          Web Connector runs
        </Link>
      </span>
    </span>
  );
}
