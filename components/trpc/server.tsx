import "server-only";

import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy, type TRPCQueryOptions } from "@trpc/tanstack-react-query";
import { cache, type ReactNode } from "react";
import { appRouter, createCaller } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { makeQueryClient } from "./query-client";

const requestContext = cache(createContext);

export const getQueryClient = cache(makeQueryClient);

/** Query options for server components to prefetch; the client picks them up through HydrateClient. */
export const trpc = createTRPCOptionsProxy({ ctx: requestContext, router: appRouter, queryClient: getQueryClient });

/** Calls procedures directly from server components (guards, redirects) with the visitor's session. */
export const serverCaller = cache(async () => createCaller(await requestContext()));

export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}

/**
 * Loads a record for a page and keeps it for the client; null when it does not exist (the page shows 404).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function prefetchRecord<T extends ReturnType<TRPCQueryOptions<any>>>(queryOptions: T) {
  return getQueryClient()
    .fetchQuery(queryOptions)
    .catch(() => null);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function prefetch<T extends ReturnType<TRPCQueryOptions<any>>>(queryOptions: T) {
  void getQueryClient().prefetchQuery(queryOptions);
}
