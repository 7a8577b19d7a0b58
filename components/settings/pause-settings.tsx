"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useConnectorStatus } from "@/components/sync/use-connector-status";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import { Input } from "@/components/ui/input";

/** One switch for all syncing: paused with a reason (year-end close, a restore from backup), resumed when done. */
export function PauseSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useConnectorStatus();
  const [reason, setReason] = useState("");
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.webConnector.pathKey() });
  const pause = useMutation(trpc.settings.qbwc.pause.mutationOptions({ onSuccess: () => (setReason(""), refresh()) }));
  const resume = useMutation(trpc.settings.qbwc.resume.mutationOptions({ onSuccess: refresh }));
  const paused = status.data?.pause ?? null;
  return (
    <Card aria-labelledby="pause-heading" className="p-6">
      <h2 id="pause-heading" className="text-lg font-semibold text-slate-900">
        Pause syncing
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        While syncing is paused, a Web Connector run reads nothing and sends nothing (a run under way stops at its next request), and the
        Web Connector shows the reason. What waits stays in the Sync Wizard and Pending; resuming picks up where it was.
      </p>
      {!status.data ? null : paused ? (
        <div className="mt-4 space-y-3">
          <Alert tone="info">
            Paused by {paused.by.name} on {formatDateTime(paused.at)}: {paused.reason}
          </Alert>
          {resume.error ? <Alert>{resume.error.message}</Alert> : null}
          <Button onClick={() => resume.mutate()} disabled={resume.isPending}>
            {resume.isPending ? "Resuming…" : "Resume syncing"}
          </Button>
        </div>
      ) : (
        <form
          className="mt-4 flex flex-wrap items-end gap-3"
          onSubmit={(event) => {
            event.preventDefault();
            pause.mutate({ reason });
          }}
        >
          <label className="flex min-w-72 flex-1 flex-col gap-1 text-sm text-slate-700">
            <span>Why (the Web Connector shows it)</span>
            <Input
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              placeholder="Year-end close in QuickBooks"
              maxLength={200}
            />
          </label>
          <Button type="submit" variant="secondary" disabled={pause.isPending}>
            {pause.isPending ? "Pausing…" : "Pause syncing"}
          </Button>
          {pause.error ? <Alert className="w-full">{pause.error.message}</Alert> : null}
        </form>
      )}
    </Card>
  );
}
