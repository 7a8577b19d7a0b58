"use client";

import { useState } from "react";

/**
 * The ticks of a server-driven table, across all its pages: either "everything matching, except these" (the
 * default of the Sync Wizard, where all is checked) or "only these". Starts again when `scope` (the filters) changes,
 * because "everything matching" then means other rows.
 */
export type Selection = { mode: "all"; except: ReadonlySet<number> } | { mode: "some"; ids: ReadonlySet<number> };

const EVERYTHING: Selection = { mode: "all", except: new Set() };
const NOTHING: Selection = { mode: "some", ids: new Set() };

export function useSelection(scope: string, initial: "all" | "none" = "all") {
  const start = initial === "all" ? EVERYTHING : NOTHING;
  const [state, setState] = useState({ scope, selection: start });
  // Adjusting state while rendering (React's pattern for "reset when a prop changes"), so no stale frame shows.
  if (state.scope !== scope) setState({ scope, selection: start });
  const selection = state.scope === scope ? state.selection : start;
  const set = (next: Selection) => setState({ scope, selection: next });

  return {
    selection,
    isChecked: (id: number) => (selection.mode === "all" ? !selection.except.has(id) : selection.ids.has(id)),
    toggle(id: number) {
      if (selection.mode === "all") set({ mode: "all", except: flipped(selection.except, id) });
      else set({ mode: "some", ids: flipped(selection.ids, id) });
    },
    /** Checks or unchecks these rows together, e.g. every row of the page on show. */
    setMany(ids: number[], checked: boolean) {
      const keep = selection.mode === "all" ? !checked : checked;
      const next = new Set(selection.mode === "all" ? selection.except : selection.ids);
      for (const id of ids) {
        if (keep) next.add(id);
        else next.delete(id);
      }
      set(selection.mode === "all" ? { mode: "all", except: next } : { mode: "some", ids: next });
    },
    /** The header checkbox: every matching row across all pages, or none. */
    setAll: (checked: boolean) => set(checked ? EVERYTHING : NOTHING),
    /** How many rows are checked out of `total` matching. */
    count: (total: number) => (selection.mode === "all" ? Math.max(0, total - selection.except.size) : selection.ids.size),
  };
}

function flipped(ids: ReadonlySet<number>, id: number): Set<number> {
  const next = new Set(ids);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}
