import type { Metadata } from "next";
import { Suspense } from "react";
import { SyncWizard } from "@/components/sync-wizard/sync-wizard";

export const metadata: Metadata = { title: "Sync Wizard" };

export default function SyncWizardPage() {
  return (
    <Suspense>
      <SyncWizard />
    </Suspense>
  );
}
