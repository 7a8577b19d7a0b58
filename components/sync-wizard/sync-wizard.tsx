"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Check, RefreshCw } from "lucide-react";
import Link from "next/link";
import { useEffect, useId, useState } from "react";
import { plural } from "@/lib/words";
import { TypeFilter } from "@/components/sync/filters";
import { FirstImportBanner } from "@/components/sync/first-import-banner";
import { ListLimitWarnings, useListLimitWarnings } from "@/components/sync/list-limit-warnings";
import { PreviewDialog } from "@/components/sync/preview-dialog";
import { SyncNav } from "@/components/sync/sync-nav";
import { useConnectorStatus } from "@/components/sync/use-connector-status";
import { ACTION_WORDS, isEntityType, type SyncAction } from "@/components/sync/words";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert, PageHeader } from "@/components/ui/card";
import { awaitingRows, DataTable } from "@/components/ui/data-table";
import { Select } from "@/components/ui/input";
import { useTableUrlState, useUrlFilters } from "@/components/ui/use-table-url-state";
import { ApproveDialog, type UncheckedRule } from "./approve-dialog";
import { candidateColumns, type CandidateRow } from "./candidate-columns";
import { ConflictDialog, conflictsLeftText, type ResolveResult } from "./conflict-dialog";
import { MatchDialog, type MatchResult } from "./match-dialog";
import { SectionTabs, sectionPanelId, sectionTabId, type Section } from "./section-tabs";
import { SyncSummary } from "./sync-summary";
import { useSelection } from "./use-selection";
import { WizardEmpty } from "./wizard-empty";

// "q" is the table's search; it is listed so "Show everything" can clear it with the filters in one step.
const FILTER_KEYS = ["section", "type", "action", "q"] as const;

/**
 * The Sync Wizard: what is waiting to cross, one section per direction, everything checked; the person unticks
 * what should not go and presses Approve Checked.
 */
export function SyncWizard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { state, update, pageSizes } = useTableUrlState({ sort: "label" });
  const { filters, setFilters } = useUrlFilters(FILTER_KEYS);
  const counts = useQuery(trpc.sync.candidateCounts.queryOptions());
  const status = useConnectorStatus();
  const limitWarnings = useListLimitWarnings();
  // Without a choice in the URL, open the section that has something in it.
  const section: Section =
    filters.section === "export" || (!filters.section && counts.data?.import === 0 && counts.data.export > 0) ? "export" : "import";
  const filter = {
    section,
    entityType: isEntityType(filters.type) ? filters.type : undefined,
    action: filters.action && Object.hasOwn(ACTION_WORDS, filters.action) ? (filters.action as SyncAction) : undefined,
    search: state.search,
  };
  const query = useQuery({ ...trpc.sync.candidates.queryOptions({ ...state, ...filter }), placeholderData: keepPreviousData });
  const total = query.data?.total ?? 0;
  const selection = useSelection(JSON.stringify(filter));
  // Conflicts are never checked (they are resolved instead): "all selected" leaves them out.
  const conflicts = useQuery({
    ...trpc.sync.candidates.queryOptions({ ...filter, action: "conflict", pageSize: 1 }),
    enabled: section === "import" && !filter.action,
  });
  const conflictCount = conflicts.data?.total ?? 0;
  // Conflicts and matches waiting for a pick: a tick cannot approve them.
  const decideFirst = query.data?.decideFirst ?? 0;
  const checkable = Math.max(0, total - decideFirst);
  const checked = Math.min(checkable, Math.max(0, selection.count(total) - (selection.selection.mode === "all" ? decideFirst : 0)));
  // Held-back rows can be checked but do not move; counted where the person can see them (this page).
  const heldBack = (query.data?.rows ?? []).filter(
    (row) => row.blockedReason && row.action !== "conflict" && selection.isChecked(row.id),
  ).length;

  const [rule, setRule] = useState<UncheckedRule>("keep");
  const [confirming, setConfirming] = useState(false);
  const [preview, setPreview] = useState<CandidateRow | null>(null);
  const [resolving, setResolving] = useState<CandidateRow | null>(null);
  const [deciding, setDeciding] = useState<CandidateRow | null>(null);
  const [notice, setNotice] = useState<{ text: string; pendingLink: boolean } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.sync.pathKey() });

  const approve = useMutation(
    trpc.sync.approve.mutationOptions({
      onSuccess: async (result) => {
        setConfirming(false);
        setNotice({
          text: `${approvedText(result, checked, heldBack, rule)}${conflictsLeftText(conflictCount, rule)}`,
          pendingLink: result.approved > 0,
        });
        selection.setAll(true);
        await refresh();
      },
    }),
  );
  const discover = useMutation(
    trpc.sync.discoverLocal.mutationOptions({
      onSuccess: async ({ raised }) => {
        setNotice({
          text:
            raised === 0
              ? "No new local changes: everything changed here is already listed."
              : `Found ${plural(raised, "local change")}; see Export to QuickBooks.`,
          pendingLink: false,
        });
        if (raised > 0) setFilters({ section: "export" });
        await refresh();
      },
    }),
  );

  const unlink = useMutation(
    trpc.sync.unlink.mutationOptions({
      onSuccess: async ({ unlinked }) => {
        setNotice({
          text:
            unlinked === 0
              ? "Nothing to unlink: the change was already answered."
              : "Kept here and unlinked from the record QuickBooks deleted. The next run offers it for creating in QuickBooks again, as the sync settings allow.",
          pendingLink: false,
        });
        await refresh();
      },
    }),
  );

  async function resolved(result: ResolveResult) {
    setNotice({ text: result.message, pendingLink: result.outcome !== "taken" });
    await refresh();
  }

  async function decided(result: MatchResult) {
    setNotice({ text: result.message, pendingLink: result.outcome !== "apart" });
    await refresh();
  }

  function openApprove() {
    if (total === 0) return;
    approve.reset();
    setConfirming(true);
  }

  function confirm() {
    const chosen = selection.selection;
    approve.mutate({
      checked: chosen.mode === "all" ? { filter, except: [...chosen.except] } : [...chosen.ids],
      uncheckedRule: rule,
      listedAt: query.data?.listedAt,
      shown: filter,
    });
  }

  // Alt+A opens Approve Checked from anywhere on the page (event.code, since Option+A types "å" on a Mac).
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === "KeyA") {
        event.preventDefault();
        document.getElementById("approve-checked")?.click();
      }
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  const hintId = useId();
  const filtered = Boolean(filter.entityType || filter.action || filter.search);
  // Unfiltered, the open section counts from the answer its table shows, so the tab and the rows never disagree.
  const sectionCounts =
    counts.data && query.data && !filtered && !query.isPlaceholderData ? { ...counts.data, [section]: query.data.total } : counts.data;
  return (
    <>
      <SyncNav />
      <PageHeader
        title="Sync Wizard"
        description="Changes found on each side wait here for approval. Everything is checked; uncheck what should not sync this time."
        actions={
          <Button variant="secondary" onClick={() => discover.mutate()} disabled={discover.isPending}>
            <RefreshCw size={16} aria-hidden className={discover.isPending ? "motion-safe:animate-spin" : undefined} />
            {discover.isPending ? "Looking…" : "Find local changes now"}
          </Button>
        }
      />
      {notice ? (
        <Alert tone="success" className="mb-4">
          {notice.text}{" "}
          {notice.pendingLink ? (
            <Link href="/reports/sync?tab=pending" className="font-medium underline">
              See Pending in the Sync Report
            </Link>
          ) : null}
        </Alert>
      ) : null}
      {discover.error ? <Alert className="mb-4">{discover.error.message}</Alert> : null}
      {unlink.error ? <Alert className="mb-4">Could not unlink it: {unlink.error.message}</Alert> : null}
      <div className="mb-4 empty:hidden">
        <FirstImportBanner />
      </div>
      <SyncSummary />
      <ListLimitWarnings className="mb-4" />

      <SectionTabs section={section} counts={sectionCounts} onChange={(next) => setFilters({ section: next })} />

      <div role="tabpanel" id={sectionPanelId(section)} aria-labelledby={sectionTabId(section)} className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
          <p aria-live="polite" className="text-sm text-slate-700">
            {total === 0 ? (
              "Nothing to approve here."
            ) : checkable === 0 ? (
              `${plural(conflictCount, "conflict")} to resolve: use Resolve on ${conflictCount === 1 ? "its row" : "each row"}.`
            ) : checked === checkable ? (
              <>
                All <strong>{checkable.toLocaleString("en-US")}</strong> selected
              </>
            ) : (
              <>
                <strong>{checked.toLocaleString("en-US")}</strong> of {checkable.toLocaleString("en-US")} selected
              </>
            )}
            {checkable > 0 && conflictCount > 0 ? (
              <span className="text-slate-500">{`, and ${plural(conflictCount, "conflict")} to resolve`}</span>
            ) : null}
            {filtered && total > 0 ? <span className="text-slate-500"> (matching the filters)</span> : null}
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <span>Unchecked</span>
              <Select
                className="w-48"
                value={rule}
                onChange={(event) => setRule(event.target.value as UncheckedRule)}
                aria-describedby={`${hintId}-rule`}
              >
                <option value="keep">Keep Unchecked</option>
                <option value="clear">Clear Unchecked</option>
              </Select>
            </label>
            <span id={`${hintId}-rule`} className="w-56 text-xs text-slate-500">
              {rule === "keep" ? "They come back after the next run." : "Gone until the record changes again."}
            </span>
            <Button id="approve-checked" onClick={openApprove} disabled={total === 0} aria-keyshortcuts="Alt+A">
              <Check size={16} aria-hidden /> Approve Checked
            </Button>
          </div>
        </div>

        <DataTable
          label={section === "export" ? "Export to QuickBooks" : "Import from QuickBooks"}
          columns={candidateColumns({
            selection,
            checkable,
            checked,
            onPreview: section === "export" ? setPreview : undefined,
            onResolve: setResolving,
            onMatch: setDeciding,
            onUnlink: section === "import" ? (row) => unlink.mutate({ ids: [row.id] }) : undefined,
          })}
          rows={query.data?.rows}
          total={total}
          state={state}
          pageSizes={pageSizes}
          onStateChange={update}
          isLoading={awaitingRows(query)}
          error={query.error?.message}
          searchPlaceholder="Name or number"
          getRowId={(row) => String(row.id)}
          rowClassName={(row) => (selection.isChecked(row.id) ? undefined : "bg-slate-50 text-slate-500")}
          keyboard={{
            onToggle: (row) => {
              if (row.action !== "conflict" && !row.matchChoices) selection.toggle(row.id);
            },
            onKey: (event) => {
              if (event.key.toLowerCase() === "a" && !event.altKey && !event.ctrlKey && !event.metaKey) {
                event.preventDefault();
                openApprove();
              }
            },
          }}
          describedBy={hintId}
          toolbar={
            <div className="flex flex-wrap items-center gap-3">
              <TypeFilter value={filter.entityType} onChange={(type) => setFilters({ type })} />
              <label className="flex items-center gap-2 text-sm text-slate-700">
                <span>Action</span>
                <Select
                  className="w-40"
                  value={filter.action ?? ""}
                  onChange={(event) => setFilters({ action: event.target.value || undefined })}
                >
                  <option value="">All actions</option>
                  {Object.entries(ACTION_WORDS).map(([action, words]) => (
                    <option key={action} value={action}>
                      {words.label}
                    </option>
                  ))}
                </Select>
              </label>
            </div>
          }
          empty={
            filtered ? (
              <>
                No changes match these filters.{" "}
                <button
                  type="button"
                  className="text-brand-700 underline"
                  onClick={() => setFilters({ type: undefined, action: undefined, q: undefined })}
                >
                  Show everything
                </button>
              </>
            ) : (
              <WizardEmpty status={status.data} otherSection={counts.data?.[section === "import" ? "export" : "import"] ?? 0} />
            )
          }
        />
        <p id={hintId} className="text-xs text-slate-500">
          Keyboard: <Kbd>↑</Kbd> <Kbd>↓</Kbd> move between rows, <Kbd>Space</Kbd> checks or unchecks the row, <Kbd>A</Kbd> on a row or{" "}
          <Kbd>Alt</Kbd>+<Kbd>A</Kbd> anywhere opens Approve Checked.
        </p>
      </div>

      <ApproveDialog
        open={confirming}
        onOpenChange={setConfirming}
        section={section}
        checked={checked}
        heldBack={heldBack}
        unchecked={total - checked}
        rule={rule}
        runEveryNMinutes={status.data?.runEveryNMinutes}
        limitWarnings={section === "export" ? limitWarnings : []}
        pending={approve.isPending}
        error={approve.error?.message ?? null}
        onConfirm={confirm}
      />
      <PreviewDialog
        candidate={preview}
        description="Exactly what Ledgerbridge would send to QuickBooks for this change if it were approved now."
        onClose={() => setPreview(null)}
      />
      <ConflictDialog conflict={resolving} onClose={() => setResolving(null)} onResolved={resolved} />
      <MatchDialog match={deciding} onClose={() => setDeciding(null)} onDecided={decided} />
    </>
  );
}

function Kbd({ children }: { children: string }) {
  return <kbd className="rounded border border-slate-300 bg-white px-1 font-mono text-[11px] text-slate-700">{children}</kbd>;
}

function approvedText(result: { approved: number; dismissed: number }, checked: number, heldBack: number, rule: UncheckedRule): string {
  const parts: string[] = [];
  if (result.approved > 0) {
    parts.push(
      `Approved ${plural(result.approved, "change")}: ${result.approved === 1 ? "it waits" : "they wait"} in Pending until the Web Connector runs.`,
    );
  }
  const stayed = Math.max(0, checked - result.approved);
  const held = Math.min(stayed, heldBack);
  if (held > 0) parts.push(`${plural(held, "held-back change")} stayed here; ${held === 1 ? "its row says" : "their rows say"} why.`);
  const other = stayed - held;
  if (other > 0) {
    const one = other === 1;
    parts.push(
      `${plural(other, "change")} ${one ? "was" : "were"} changed meanwhile or approved by someone else, so ${one ? "it stays" : "they stay"} here for another look.`,
    );
  }
  if (rule === "clear" && result.dismissed > 0)
    parts.push(`Cleared ${plural(result.dismissed, "unchecked change")} until the record changes again.`);
  return parts.join(" ") || "Nothing changed.";
}
