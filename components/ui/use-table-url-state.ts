"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";

export interface TableState {
  page: number;
  pageSize: number;
  sort?: string;
  direction: "asc" | "desc";
  search?: string;
}

const PAGE_SIZES = [25, 50, 100];

/** Keeps a table's page, sort and search in the URL, so reloads, links and the back button keep them. */
export function useTableUrlState(defaults: { sort: string; direction?: "asc" | "desc" }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();

  const state = useMemo<TableState>(() => {
    const pageSize = Number(params.get("pageSize"));
    return {
      page: Math.max(1, Number(params.get("page")) || 1),
      pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 25,
      sort: params.get("sort") ?? defaults.sort,
      direction: params.get("dir") === "desc" ? "desc" : params.get("dir") === "asc" ? "asc" : (defaults.direction ?? "asc"),
      search: params.get("q") ?? undefined,
    };
  }, [params, defaults.sort, defaults.direction]);

  const update = useCallback(
    (change: Partial<TableState>) => {
      const next = { ...state, ...change };
      const query = new URLSearchParams(params);
      const set = (key: string, value: string | undefined) => (value ? query.set(key, value) : query.delete(key));
      set("page", next.page > 1 ? String(next.page) : undefined);
      set("pageSize", next.pageSize !== 25 ? String(next.pageSize) : undefined);
      set("sort", next.sort);
      set("dir", next.direction);
      set("q", next.search?.trim() || undefined);
      router.replace(`${pathname}?${query.toString()}`, { scroll: false });
    },
    [state, params, router, pathname],
  );

  return { state, update, pageSizes: PAGE_SIZES };
}

/**
 * Filters beside a table (a type, an action, a date range) kept in the URL with the table's state; changing one
 * goes back to the first page. `keys` should be a constant, so the values keep their identity between renders.
 */
export function useUrlFilters<Key extends string>(keys: readonly Key[]) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();

  const filters = useMemo(
    () => Object.fromEntries(keys.map((key) => [key, params.get(key) || undefined])) as Record<Key, string | undefined>,
    [params, keys],
  );

  const setFilters = useCallback(
    (change: Partial<Record<Key, string | undefined>>) => {
      const query = new URLSearchParams(params);
      for (const [key, value] of Object.entries<string | undefined>(change)) {
        if (value) query.set(key, value);
        else query.delete(key);
      }
      query.delete("page");
      router.replace(`${pathname}?${query.toString()}`, { scroll: false });
    },
    [params, router, pathname],
  );

  return { filters, setFilters };
}
