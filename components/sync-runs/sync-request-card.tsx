"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { plural } from "@/lib/words";
import { ENTITY_WORDS, type EntityType } from "@/components/sync/words";
import { useTRPC, type RouterOutputs } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { CheckboxField, Field } from "@/components/ui/field";
import { formatDate, formatDateTime } from "@/components/ui/format";
import { formErrors } from "@/components/ui/form-errors";
import { Input } from "@/components/ui/input";

type Requests = RouterOutputs["sync"]["requests"]["get"];
type Request = NonNullable<Requests["syncNow"]>;

/** The lists a selective sync can read, in the order the office thinks of them. */
const LISTS: EntityType[] = [
  "customer",
  "vendor",
  "item",
  "invoice",
  "payment",
  "purchaseOrder",
  "bill",
  "billPayment",
  "account",
  "paymentMethod",
  "terms",
];

/**
 * Sync now and selective sync. Ledgerbridge cannot start the Web Connector, so both are requests
 * its next run honours; the card says who asked, when, and what to do on the office PC to have it sooner.
 */
export function SyncRequestCard({ isAdmin }: { isAdmin: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const requests = useQuery(trpc.sync.requests.get.queryOptions());
  const onSuccess = (data: Requests) => queryClient.setQueryData(trpc.sync.requests.get.queryKey(), data);
  const syncNow = useMutation(trpc.sync.requests.syncNow.mutationOptions({ onSuccess }));
  const cancel = useMutation(trpc.sync.requests.cancel.mutationOptions({ onSuccess }));
  const problem = formErrors(syncNow.error ?? cancel.error).message;
  return (
    <Card aria-labelledby="sync-request-heading" className="p-6">
      <h2 id="sync-request-heading" className="text-base font-semibold text-slate-900">
        Sync now
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        The Web Connector on the office PC calls Ledgerbridge on its schedule; Ledgerbridge cannot start it. Sync now marks work for its
        next run, which reads what changed on both sides and sends what was approved.
      </p>
      {requests.isError ? (
        <Alert className="mt-4">Could not load the sync requests: {requests.error.message} Reload the page to try again.</Alert>
      ) : !requests.data ? (
        <div role="status" aria-label="Loading the sync requests" className="mt-4 h-4 w-1/2 animate-pulse rounded bg-slate-100" />
      ) : (
        <div className="mt-4 space-y-4">
          {problem ? <Alert>{problem}</Alert> : null}
          {requests.data.syncNow ? (
            <Alert tone="info">{`Sync requested at ${when(requests.data.syncNow.requestedAt)} by ${requests.data.syncNow.requestedBy} — ${waits(requests.data.syncNow, requests.data.runEveryNMinutes)}`}</Alert>
          ) : null}
          {requests.data.selective ? (
            <Alert tone="info">
              {`Selective sync requested at ${when(requests.data.selective.requestedAt)} by ${requests.data.selective.requestedBy}: ${selectiveWords(requests.data.selective)} — ${waits(requests.data.selective, requests.data.runEveryNMinutes)}`}
            </Alert>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <Button
              type="button"
              disabled={syncNow.isPending || (requests.data.syncNow !== null && !requests.data.syncNow.underWay)}
              onClick={() => syncNow.mutate()}
            >
              {syncNow.isPending ? "Requesting…" : "Sync now"}
            </Button>
            {isAdmin && requests.data.syncNow ? (
              <Button type="button" variant="secondary" disabled={cancel.isPending} onClick={() => cancel.mutate({ request: "syncNow" })}>
                Withdraw the Sync now request
              </Button>
            ) : null}
            {isAdmin && requests.data.selective ? (
              <Button type="button" variant="secondary" disabled={cancel.isPending} onClick={() => cancel.mutate({ request: "selective" })}>
                Withdraw the selective sync
              </Button>
            ) : null}
          </div>
          {isAdmin ? <SelectiveSyncForm onDone={onSuccess} /> : null}
        </div>
      )}
    </Card>
  );
}

// A date typed in part (or one that does not exist, e.g. 02/30) reads as empty: said so, rather than read from the last run.
const PARTIAL_DATE = "Enter the whole date (month, day and year) of a real day, or clear it to read from the last run.";

/** Admins: the next run reads only the chosen lists, from a date if one is given. */
function SelectiveSyncForm({ onDone }: { onDone: (data: Requests) => void }) {
  const trpc = useTRPC();
  const [lists, setLists] = useState<EntityType[]>([]);
  const [from, setFrom] = useState("");
  const [dateTyping, setDateTyping] = useState<string | null>(null);
  const selective = useMutation(
    trpc.sync.requests.selective.mutationOptions({
      onSuccess: (data) => {
        onDone(data);
        setLists([]);
        setFrom("");
      },
    }),
  );
  const errors = formErrors(selective.error);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Read at the moment of sending: typing part of a date into an empty field fires no change.
    const date = event.currentTarget.elements.namedItem("from") as HTMLInputElement | null;
    if (date?.validity.badInput) return setDateTyping(PARTIAL_DATE);
    selective.mutate({ lists, from: from || null });
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-3 border-t border-slate-200 pt-4" aria-labelledby="selective-sync-heading">
      <h3 id="selective-sync-heading" className="text-sm font-semibold text-slate-900">
        Selective sync
      </h3>
      <p className="text-xs text-slate-500">
        The next run reads only the lists ticked here, from the date given instead of from the last run (to pick up again what an earlier
        run left out). It sends what was approved as usual. The other lists are read by the run after, from where they were.
      </p>
      {errors.message ? <Alert>{errors.message}</Alert> : null}
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Lists to read</legend>
        <div className="mt-1 flex flex-wrap gap-x-6 gap-y-1">
          {LISTS.map((type) => (
            <CheckboxField
              key={type}
              label={ENTITY_WORDS[type].plural}
              checked={lists.includes(type)}
              onChange={(event) =>
                setLists(
                  event.target.checked
                    ? LISTS.filter((list) => list === type || lists.includes(list))
                    : lists.filter((list) => list !== type),
                )
              }
            />
          ))}
        </div>
        {errors.fields.lists ? (
          <p className="mt-1 text-xs text-red-700" role="alert">
            {errors.fields.lists}
          </p>
        ) : null}
      </fieldset>
      <Field
        label="Changed since (optional)"
        hint="Leave empty to read what changed since the last run."
        error={dateTyping ?? errors.fields.from}
        className="max-w-sm"
      >
        <Input
          type="date"
          name="from"
          value={from}
          onChange={(event) => {
            setFrom(event.target.value);
            setDateTyping(event.target.validity.badInput ? PARTIAL_DATE : null);
          }}
        />
      </Field>
      <Button type="submit" variant="secondary" disabled={selective.isPending}>
        {selective.isPending ? "Requesting…" : "Request selective sync"}
      </Button>
    </form>
  );
}

/** "10:42" today, else the date and time. */
function when(at: Date): string {
  const sameDay = at.toDateString() === new Date().toDateString();
  return sameDay ? at.toLocaleTimeString("en-US", { hour: "numeric", minute: "2-digit" }) : formatDateTime(at);
}

function waits(request: Request, runEveryNMinutes: number): string {
  if (request.underWay) return "the run under way is taking care of it.";
  return `waits for the Web Connector's next run (every ${plural(runEveryNMinutes, "minute")}; or click Update Selected in the Web Connector on the office PC).`;
}

function selectiveWords(selective: NonNullable<Requests["selective"]>): string {
  const names = selective.lists.map((type) => ENTITY_WORDS[type].plural.toLowerCase());
  const listed = names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  return `the run reads only ${listed}${selective.from ? ` changed since ${formatDate(selective.from)}` : ""}`;
}
