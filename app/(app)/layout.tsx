import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/layout/app-header";
import { LiveUpdates } from "@/components/trpc/live-updates";
import { serverCaller } from "@/components/trpc/server";

export const dynamic = "force-dynamic";

/** Every page inside needs a session; before the first admin exists, everything leads to /setup. */
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const caller = await serverCaller();
  if ((await caller.setup.status()).needsSetup) redirect("/setup");
  const user = await caller.users.me().catch(() => null);
  if (!user) redirect("/login");
  return (
    <div className="min-h-screen">
      <LiveUpdates />
      <AppHeader user={user} />
      <main className="mx-auto max-w-7xl px-6 py-8">{children}</main>
    </div>
  );
}
