"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";

/** The Web Connector's status, re-read every 15 seconds, or every 3 while a run is under way. */
export function useConnectorStatus() {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.webConnector.status.queryOptions(),
    refetchInterval: (query) => (query.state.data?.state === "running" ? 3_000 : 15_000),
  });
}
