"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";

/** How often an open page asks whether anything changed: a change shows within about this plus one refetch. */
export const LIVE_POLL_MS = 1_000;

const LIVE_KEY = "live-version";

async function fetchLiveVersion(): Promise<number> {
  const response = await fetch("/api/live", { cache: "no-store" });
  if (!response.ok) throw new Error(`The live version answered ${response.status}.`);
  const body = (await response.json()) as { version: number };
  return body.version;
}

/**
 * Keeps every count and list on the page current: it polls the one live version the server keeps, and when it
 * moves (a run, another person, another instance) every query on show is fetched again, together, so counts and
 * the rows below them arrive in the same answer. A hidden tab does not poll; it catches up when shown again.
 */
export function LiveUpdates() {
  const queryClient = useQueryClient();
  const live = useQuery({ queryKey: [LIVE_KEY], queryFn: fetchLiveVersion, refetchInterval: LIVE_POLL_MS, staleTime: 0, retry: false });
  const seen = useRef<number | undefined>(undefined);
  useEffect(() => {
    const version = live.data;
    if (version === undefined) return;
    if (seen.current !== undefined && seen.current !== version) {
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== LIVE_KEY });
    }
    seen.current = version;
  }, [live.data, queryClient]);
  return null;
}
