"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ROLES, type Role } from "@/lib/roles";
import { useTRPC, type RouterOutputs } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert, Badge, Card } from "@/components/ui/card";
import { formErrors } from "@/components/ui/form-errors";
import { Select } from "@/components/ui/input";

type User = RouterOutputs["users"]["list"][number];

const ROLE_NAMES: Record<Role, string> = { admin: "Admin", staff: "Staff" };

/** Everyone who can sign in, with their role and whether their account is enabled; changes apply at once. */
export function UserTable({ currentUserId }: { currentUserId: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const query = useQuery(trpc.users.list.queryOptions());
  const [notice, setNotice] = useState<string | null>(null);
  const change = useMutation(
    trpc.users.change.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() }) }),
  );
  const unlock = useMutation(
    trpc.users.unlock.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() }) }),
  );
  const failed = formErrors(change.error);
  const error = failed.message ?? Object.values(failed.fields)[0];

  async function apply(user: User, patch: { role?: Role; active?: boolean }, done: string) {
    setNotice(null);
    try {
      await change.mutateAsync({ id: user.id, ...patch });
      setNotice(done);
      // Your own role decides which pages and menu entries you see.
      if (user.id === currentUserId) router.refresh();
    } catch {
      // Shown above the table.
    }
  }

  return (
    <Card aria-labelledby="users-heading" className="overflow-hidden">
      <div className="border-b border-slate-200 px-4 py-3">
        <h2 id="users-heading" className="text-base font-semibold text-slate-900">
          People who can sign in
        </h2>
      </div>
      {error ? <Alert className="m-3">{error}</Alert> : null}
      {notice ? (
        <Alert tone="success" className="m-3">
          {notice}
        </Alert>
      ) : null}
      <table className="w-full text-left text-sm" aria-labelledby="users-heading" aria-busy={query.isFetching || change.isPending}>
        <thead className="bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            <th scope="col" className="px-4 py-2">
              Name
            </th>
            <th scope="col" className="px-4 py-2">
              Email
            </th>
            <th scope="col" className="w-36 px-4 py-2">
              Role
            </th>
            <th scope="col" className="w-28 px-4 py-2">
              Status
            </th>
            <th scope="col" className="w-28 px-4 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {query.isError ? (
            <tr>
              <td colSpan={5} role="alert" className="px-4 py-6 text-center text-red-700">
                Could not load the users: {query.error.message}
              </td>
            </tr>
          ) : query.isPending ? (
            <tr>
              <td colSpan={5} className="px-4 py-3">
                <div className="h-4 animate-pulse rounded bg-slate-100" />
              </td>
            </tr>
          ) : (
            query.data.map((user) => {
              const isYou = user.id === currentUserId;
              return (
                <tr key={user.id}>
                  <th scope="row" className="px-4 py-2.5 font-medium">
                    {user.name} {isYou ? <Badge className="ml-1">You</Badge> : null}
                  </th>
                  <td className="px-4 py-2.5 text-slate-600">{user.email}</td>
                  <td className="px-4 py-1.5">
                    <Select
                      aria-label={`Role of ${user.name}`}
                      value={user.role}
                      disabled={change.isPending}
                      onChange={(event) => {
                        const role = event.target.value as Role;
                        void apply(user, { role }, `${user.name} is now ${ROLE_NAMES[role].toLowerCase()}.`);
                      }}
                    >
                      {ROLES.map((role) => (
                        <option key={role} value={role}>
                          {ROLE_NAMES[role]}
                        </option>
                      ))}
                    </Select>
                  </td>
                  <td className="px-4 py-2.5">
                    {user.active ? <Badge className="bg-emerald-50 text-emerald-700">Enabled</Badge> : <Badge>Disabled</Badge>}
                    {user.lockedUntil ? (
                      <span className="ml-2 inline-flex items-center gap-2">
                        <Badge className="bg-amber-50 text-amber-900">Locked after failed sign-ins</Badge>
                        <Button
                          type="button"
                          variant="ghost"
                          size="sm"
                          disabled={unlock.isPending}
                          onClick={() => unlock.mutate({ id: user.id })}
                          aria-label={`Unlock ${user.name}`}
                        >
                          Unlock
                        </Button>
                      </span>
                    ) : null}
                  </td>
                  <td className="px-4 py-1.5 text-right">
                    {isYou ? null : (
                      <Button
                        type="button"
                        variant="secondary"
                        size="sm"
                        disabled={change.isPending}
                        aria-label={`${user.active ? "Disable" : "Enable"} ${user.name}`}
                        onClick={() =>
                          void apply(
                            user,
                            { active: !user.active },
                            user.active ? `${user.name} can no longer sign in.` : `${user.name} can sign in again.`,
                          )
                        }
                      >
                        {user.active ? "Disable" : "Enable"}
                      </Button>
                    )}
                  </td>
                </tr>
              );
            })
          )}
        </tbody>
      </table>
    </Card>
  );
}
