import type { Metadata } from "next";
import { Suspense } from "react";
import { StatusCodeGuide } from "@/components/status-guide/status-code-guide";
import { serverCaller } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Status Code Reference Guide" };

export default async function StatusCodeGuidePage() {
  const entries = await (await serverCaller()).sync.statusCodes();
  return (
    <Suspense>
      <StatusCodeGuide entries={entries} />
    </Suspense>
  );
}
