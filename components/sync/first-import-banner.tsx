"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/card";

/** The Sync Wizard's reminder, until the first import is done, that exports open after it. */
export function FirstImportBanner() {
  const trpc = useTRPC();
  const status = useQuery(trpc.sync.firstImport.status.queryOptions());
  if (!status.data || status.data.status === "done") return null;
  return (
    <Alert tone="info" aria-label="First import">
      {status.data.summary}
    </Alert>
  );
}
