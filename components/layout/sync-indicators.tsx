"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowLeftRight, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import type { ConnectorState } from "@/server/qbwc/status";
import { useConnectorStatus } from "@/components/sync/use-connector-status";
import { useTRPC } from "@/components/trpc/client";
import { cn } from "@/components/ui/cn";

// Dot colours with at least 3:1 contrast on white; the label says the same in words.
const DOT_TONES: Record<ConnectorState, string> = {
  ok: "bg-emerald-600",
  running: "bg-amber-500 ring-4 ring-amber-200 motion-safe:animate-pulse",
  late: "bg-red-600",
  failing: "bg-red-600",
  never: "bg-slate-500",
  paused: "bg-slate-500",
};

/** The header's sync corner: the Sync Wizard with its badge, failed records when there are any, and the Web Connector dot. */
export function SyncIndicators() {
  return (
    <div className="flex items-center gap-1">
      <SyncWizardLink />
      <UnsyncedLink />
      <ConnectorDot />
    </div>
  );
}

/** The Sync Wizard icon; its badge counts the changes waiting for someone's approval. */
function SyncWizardLink() {
  const trpc = useTRPC();
  const pathname = usePathname();
  const badge = useQuery(trpc.sync.badgeCount.queryOptions());
  const count = badge.data ?? 0;
  const label =
    count === 0
      ? "Sync Wizard: nothing waits for approval"
      : `Sync Wizard: ${count.toLocaleString("en-US")} ${count === 1 ? "change waits" : "changes wait"} for approval`;
  return (
    <>
      {/* The badge starts right of the icon's middle and grows rightwards, so "999+" does not hide the icon;
          the margin keeps a wide badge off the next indicator. */}
      <HeaderLink
        href="/sync"
        label={label}
        current={pathname === "/sync"}
        className={count > 99 ? "mr-4" : count > 9 ? "mr-1" : undefined}
      >
        <ArrowLeftRight size={18} aria-hidden />
        {count > 0 ? (
          <span
            aria-hidden
            data-testid="sync-badge"
            className="absolute -top-1 left-5.5 h-5 min-w-5 rounded-full bg-red-600 px-1 text-center text-[11px] leading-5 font-semibold text-white tabular-nums ring-2 ring-white"
          >
            {count > 999 ? "999+" : count}
          </span>
        ) : null}
      </HeaderLink>
      <span className="sr-only" aria-live="polite">
        {label}
      </span>
    </>
  );
}

/** Shown only when records failed to sync: the daily check of Unsynced Entities, one click away. */
function UnsyncedLink() {
  const trpc = useTRPC();
  const unsynced = useQuery(trpc.sync.unsynced.queryOptions({ pageSize: 1 }));
  const count = unsynced.data?.total ?? 0;
  if (count === 0) return null;
  const label = `Unsynced Entities: ${count.toLocaleString("en-US")} ${count === 1 ? "record" : "records"} failed to sync`;
  return (
    <HeaderLink href="/sync/unsynced" label={label} className="w-auto gap-1 px-2 text-red-700 hover:text-red-800">
      <TriangleAlert size={16} aria-hidden />
      <span aria-hidden className="text-xs font-semibold tabular-nums">
        {count > 999 ? "999+" : count}
      </span>
    </HeaderLink>
  );
}

/** Green, amber, red or grey, as the server judges the Web Connector's last contact against its schedule. */
function ConnectorDot() {
  const status = useConnectorStatus();
  const data = status.data;
  const label = data?.label ?? (status.isError ? "Web Connector status unavailable" : "Checking the Web Connector…");
  return (
    <HeaderLink href="/sync/runs" label={`Web Connector: ${label}`} detail={data?.detail} className="w-auto gap-2 px-2.5">
      <span aria-hidden className={cn("h-3 w-3 rounded-full", data ? DOT_TONES[data.state] : "bg-slate-300")} />
      <span aria-hidden className="hidden text-xs text-slate-600 2xl:inline">
        {label}
      </span>
    </HeaderLink>
  );
}

/**
 * An icon link of the header with a tooltip on hover and keyboard focus; the tooltip repeats the accessible
 * name for sighted people, so it is hidden from screen readers.
 */
function HeaderLink(props: { href: string; label: string; detail?: string; current?: boolean; className?: string; children: ReactNode }) {
  return (
    <Link
      href={props.href}
      aria-label={props.label}
      aria-current={props.current ? "page" : undefined}
      className={cn(
        "group relative flex h-9 w-9 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900",
        props.current && "bg-brand-50 text-brand-800",
        props.className,
      )}
    >
      {props.children}
      <span
        aria-hidden
        className="pointer-events-none absolute top-full right-0 z-30 mt-2 hidden w-max max-w-xs rounded-md bg-slate-900 px-3 py-2 text-left text-xs font-normal text-white shadow-lg group-hover:block group-focus-visible:block"
      >
        <span className="block font-semibold">{props.label}</span>
        {props.detail ? <span className="mt-1 block text-slate-200">{props.detail}</span> : null}
      </span>
    </Link>
  );
}

/** Under the header while syncing is paused, on every page: who paused it, why, and where to resume. */
export function PausedBanner() {
  const pause = useConnectorStatus().data?.pause;
  if (!pause) return null;
  return (
    <div role="status" className="border-t border-slate-200 bg-slate-100 px-6 py-2 text-center text-sm text-slate-800">
      <span className="font-semibold">Sync paused</span> by {pause.by.name}: {pause.reason}. Nothing crosses until an admin resumes it in{" "}
      <Link href="/settings" className="font-medium text-brand-700 underline">
        Settings
      </Link>
      .
    </div>
  );
}
