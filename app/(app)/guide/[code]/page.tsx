import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StatusCodeEntry } from "@/components/status-guide/status-code-entry";
import { SyncNav } from "@/components/sync/sync-nav";
import { serverCaller } from "@/components/trpc/server";
import { PageHeader } from "@/components/ui/card";

type Params = { params: Promise<{ code: string }> };

/** The guide entry of the code in the address; a malformed or over-long code is simply not in the guide. */
async function entryFor(params: Params["params"]) {
  let code: string;
  try {
    code = decodeURIComponent((await params).code);
  } catch {
    return null;
  }
  return (await serverCaller()).sync.statusCode({ code }).catch(() => null);
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const entry = await entryFor(params);
  return { title: entry ? `${entry.code}: ${entry.title}` : "Status code" };
}

export default async function StatusCodePage({ params }: Params) {
  const entry = await entryFor(params);
  if (!entry) notFound();
  return (
    <>
      <SyncNav />
      <PageHeader
        title={`Status code ${entry.code}`}
        description={entry.title}
        actions={
          <Link href={`/guide#${encodeURIComponent(entry.code)}`} className="text-sm font-medium text-brand-700 underline">
            All status codes
          </Link>
        }
      />
      <StatusCodeEntry entry={entry} linked={false} />
      <p className="mt-4 text-sm text-slate-700">
        Records that failed with this code are on{" "}
        <Link href="/sync/unsynced" className="text-brand-700 underline">
          Unsynced Entities
        </Link>
        , with Resync and Clear ID. Still unable to sync after following the steps? Ask your Ledgerbridge admin.
      </p>
    </>
  );
}
