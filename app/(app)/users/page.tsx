import type { Metadata } from "next";
import { AdminsOnly } from "@/components/layout/admins-only";
import { HydrateClient, prefetch, serverCaller, trpc } from "@/components/trpc/server";
import { PageHeader } from "@/components/ui/card";
import { NewUserForm } from "@/components/users/new-user-form";
import { UserTable } from "@/components/users/user-table";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  // Without a session the layout sends the visitor to sign in; this page may render alongside it.
  const me = await (await serverCaller()).users.me().catch(() => null);
  if (me?.role !== "admin") return <AdminsOnly title="Users" what="manage users" />;
  prefetch(trpc.users.list.queryOptions());
  return (
    <HydrateClient>
      <PageHeader title="Users" description="Who can sign in to Ledgerbridge, and what they may do. Changes apply on their next click." />
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <UserTable currentUserId={me.id} />
        <NewUserForm />
      </div>
    </HydrateClient>
  );
}
