import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SetupForm } from "@/components/auth/setup-form";
import { serverCaller } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Set up" };
export const dynamic = "force-dynamic";

export default async function SetupPage() {
  const caller = await serverCaller();
  if (!(await caller.setup.status()).needsSetup) redirect("/login");
  return <SetupForm />;
}
