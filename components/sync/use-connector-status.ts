"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";

// Each call of a run refreshes it through the live version; the clock alone turns a quiet connector late.
const LATE_CHECK_MS = 15_000;

/** The Web Connector's status: current with every call of a run, and re-judged against its schedule every 15 s. */
export function useConnectorStatus() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.webConnector.status.queryOptions(), refetchInterval: LATE_CHECK_MS });
}
