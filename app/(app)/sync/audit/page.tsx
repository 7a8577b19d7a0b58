import type { Metadata } from "next";
import { Suspense } from "react";
import { AuditLog } from "@/components/sync-audit/audit-log";

export const metadata: Metadata = { title: "Audit log" };

export default function AuditLogPage() {
  return (
    <Suspense>
      <AuditLog />
    </Suspense>
  );
}
