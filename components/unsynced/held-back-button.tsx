"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { plural } from "@/lib/words";
import { ENTITY_WORDS, recordPage } from "@/components/sync/words";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Dialog, DialogClose } from "@/components/ui/dialog";

interface HeldBackButtonProps {
  /** "<entityType>:<recordKey>" of the failed record. */
  heldBy: string;
  label: string;
  count: number;
}

/** The dependency view of one failed record: what waits for it (invoices of a customer, payments of an invoice). */
export function HeldBackButton({ heldBy, label, count }: HeldBackButtonProps) {
  const [open, setOpen] = useState(false);
  const trpc = useTRPC();
  const held = useQuery({ ...trpc.sync.heldBack.queryOptions({ heldBy }), enabled: open });
  return (
    <>
      <Button variant="ghost" size="sm" className="mt-1 h-auto px-0 text-amber-800" onClick={() => setOpen(true)}>
        Holds back {plural(count, "record")}
      </Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={`What ${label} holds back`}
        description="These records need it in QuickBooks first. Fix it and Resync; they follow on the next run."
        footer={
          <DialogClose asChild>
            <Button variant="secondary">Close</Button>
          </DialogClose>
        }
      >
        {held.error ? <Alert>Could not load them: {held.error.message}</Alert> : null}
        {held.isLoading ? <p role="status">Loading…</p> : null}
        <ul className="divide-y divide-slate-100">
          {held.data?.map((row) => {
            const href = recordPage(row.entityType, row.localId);
            return (
              <li key={row.id} className="py-2">
                {/* "Invoice 1002" names its type already. */}
                {row.label.startsWith(ENTITY_WORDS[row.entityType].label) ? null : (
                  <span className="text-xs text-slate-500">{ENTITY_WORDS[row.entityType].label} · </span>
                )}
                {href ? (
                  <Link href={href} className="font-medium text-brand-700 hover:underline">
                    {row.label}
                  </Link>
                ) : (
                  <span className="font-medium">{row.label}</span>
                )}
                <span className="block text-sm text-slate-600">{row.reason}</span>
              </li>
            );
          })}
        </ul>
      </Dialog>
    </>
  );
}
