import type { Metadata } from "next";
import { AdminsOnly } from "@/components/layout/admins-only";
import { CompanyFileSettings } from "@/components/settings/company-file-settings";
import { FirstImportSettings } from "@/components/settings/first-import-settings";
import { PauseSettings } from "@/components/settings/pause-settings";
import { SyncSettingsForm } from "@/components/settings/sync-settings-form";
import { WebConnectorSettings } from "@/components/settings/web-connector-settings";
import { HydrateClient, prefetch, serverCaller, trpc } from "@/components/trpc/server";
import { Card, PageHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  // Without a session the layout sends the visitor to sign in; this page may render alongside it.
  const me = await (await serverCaller()).users.me().catch(() => null);
  if (me?.role !== "admin") return <AdminsOnly title="Settings" what="change the settings" />;
  prefetch(trpc.settings.qbwc.getConnection.queryOptions());
  prefetch(trpc.settings.qbwc.getCredentials.queryOptions());
  prefetch(trpc.sync.settings.queryOptions());
  prefetch(trpc.settings.companyFile.get.queryOptions());
  prefetch(trpc.sync.firstImport.status.queryOptions());
  return (
    <HydrateClient>
      <PageHeader title="Settings" description="How the QuickBooks computer reaches Ledgerbridge, and what syncs." />
      <div className="space-y-6">
        <WebConnectorSettings />
        <PauseSettings />
        <CompanyFileSettings />
        <Card aria-labelledby="sync-settings-heading" className="p-6">
          <h2 id="sync-settings-heading" className="text-lg font-semibold text-slate-900">
            Sync settings
          </h2>
          <p className="mt-1 mb-6 text-sm text-slate-600">
            The rules every run follows. Within them, what crosses is still decided record by record in the Sync Wizard, unless an automatic
            approval rule decides it.
          </p>
          <SyncSettingsForm />
        </Card>
        <FirstImportSettings />
      </div>
    </HydrateClient>
  );
}
