"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ConfirmAction } from "@/components/settings/confirm-action";
import { useTRPC, type RouterOutputs } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { formatDateTime } from "@/components/ui/format";

type ImportSummary = RouterOutputs["sync"]["undoImport"]["last"];
type UndoResult = RouterOutputs["sync"]["undoImport"]["run"];

/** "Undo last import": what the latest run's imports changed here, and putting it back (admins), behind a warning. */
export function UndoImportCard({ isAdmin }: { isAdmin: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const summary = useQuery(trpc.sync.undoImport.last.queryOptions());
  const undo = useMutation(
    trpc.sync.undoImport.run.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.sync.undoImport.last.queryKey() }),
    }),
  );
  return (
    <Card aria-labelledby="undo-import-heading" className="p-6">
      <h2 id="undo-import-heading" className="text-base font-semibold text-slate-900">
        Undo last import
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Puts the local records the latest run&apos;s imports from QuickBooks changed back as they were before it. QuickBooks itself is not
        changed.
      </p>
      {summary.isError ? (
        <Alert className="mt-4">Could not load the last import: {summary.error.message} Reload the page to try again.</Alert>
      ) : !summary.data ? (
        <div role="status" aria-label="Loading the last import" className="mt-4 h-4 w-1/2 animate-pulse rounded bg-slate-100" />
      ) : (
        <div className="mt-4 space-y-4">
          {undo.data ? <UndoOutcome result={undo.data} /> : null}
          <LastImport summary={summary.data} />
          <UndoAction summary={summary.data} isAdmin={isAdmin} undo={undo} />
        </div>
      )}
    </Card>
  );
}

function LastImport({ summary }: { summary: ImportSummary }) {
  const run = summary.run;
  if (!run) return null;
  const approved = run.approvedBy.length > 0 ? `, approved by ${run.approvedBy.join(", ")}` : "";
  return (
    <div className="text-sm text-slate-700">
      <p>
        Last import: the Web Connector run of {formatDateTime(run.appliedAt)}
        {approved}.
      </p>
      <Sentences className="mt-2" sentences={summary.lines} />
    </div>
  );
}

interface UndoActionProps {
  summary: ImportSummary;
  isAdmin: boolean;
  undo: { isPending: boolean; error: unknown; mutateAsync: () => Promise<UndoResult>; reset: () => void };
}

function UndoAction({ summary, isAdmin, undo }: UndoActionProps) {
  // Nothing to undo is the reason for everyone; otherwise staff are told who can.
  const reason = !summary.canUndo ? summary.reason : isAdmin ? null : "Only an admin can undo an import.";
  if (reason) {
    return (
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" variant="secondary" disabled aria-describedby="undo-import-reason">
          Undo last import
        </Button>
        <p id="undo-import-reason" className="text-sm text-slate-600">
          {reason}
        </p>
      </div>
    );
  }
  return (
    <ConfirmAction
      button="Undo last import"
      title="Undo the last import?"
      description={`What the run of ${formatDateTime(summary.run?.appliedAt)} imported is taken back here: records it changed return to how they were, records it created are deleted (or made inactive while something refers to them).`}
      confirm="Undo last import"
      busy="Undoing…"
      danger
      pending={undo.isPending}
      error={undo.error}
      onConfirm={() => undo.mutateAsync()}
      onCancel={() => undo.reset()}
    >
      <Sentences className="mb-3" sentences={summary.lines} />
      <p className="font-medium text-red-800">{summary.warning}</p>
    </ConfirmAction>
  );
}

function UndoOutcome({ result }: { result: UndoResult }) {
  return (
    <Alert tone="success">
      <p className="font-medium">The last import was undone.</p>
      <Sentences className="mt-1" sentences={result.sentences} />
      <p className="mt-2">{result.warning}</p>
    </Alert>
  );
}

function Sentences({ sentences, className }: { sentences: string[]; className: string }) {
  return (
    <ul className={cn("list-disc pl-5", className)}>
      {sentences.map((sentence) => (
        <li key={sentence}>{sentence}</li>
      ))}
    </ul>
  );
}
