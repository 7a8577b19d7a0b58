"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";

/** The Send All setting: true (everything available is sent), false (only what a person sends), undefined while loading. */
export function useSendAll(): boolean | undefined {
  const trpc = useTRPC();
  return useQuery(trpc.sync.settings.queryOptions()).data?.settings.sendAll;
}
