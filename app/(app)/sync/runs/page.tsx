import type { Metadata } from "next";
import { Suspense } from "react";
import { SyncRequestCard } from "@/components/sync-runs/sync-request-card";
import { SyncRuns } from "@/components/sync-runs/sync-runs";
import { UndoImportCard } from "@/components/sync-runs/undo-import-card";
import { HydrateClient, prefetch, serverCaller, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Web Connector runs" };

export default async function SyncRunsPage() {
  // Undo is refused to staff by the server anyway; the page only decides whether to offer it.
  const me = await (await serverCaller()).users.me().catch(() => null);
  prefetch(trpc.sync.undoImport.last.queryOptions());
  prefetch(trpc.sync.requests.get.queryOptions());
  return (
    <HydrateClient>
      <Suspense>
        <SyncRuns
          actions={
            <>
              <SyncRequestCard isAdmin={me?.role === "admin"} />
              <UndoImportCard isAdmin={me?.role === "admin"} />
            </>
          }
        />
      </Suspense>
    </HydrateClient>
  );
}
