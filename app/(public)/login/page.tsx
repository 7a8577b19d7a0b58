import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { serverCaller } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage() {
  const caller = await serverCaller();
  if ((await caller.setup.status()).needsSetup) redirect("/setup");
  return <SignInForm />;
}
