import type { Metadata } from "next";
import { Suspense } from "react";
import { SyncReport } from "@/components/sync-report/sync-report";

export const metadata: Metadata = { title: "Sync Report" };

export default function SyncReportPage() {
  return (
    <Suspense>
      <SyncReport />
    </Suspense>
  );
}
