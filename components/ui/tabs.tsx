"use client";

import type { KeyboardEvent, ReactNode } from "react";

interface TabListProps<Tab extends string> {
  label: string;
  tabs: readonly Tab[];
  selected: Tab;
  onChange: (tab: Tab) => void;
  /** Ids of each tab and of the panel it controls, so the panel can point back with aria-labelledby. */
  tabId: (tab: Tab) => string;
  panelId: (tab: Tab) => string;
  className?: string;
  tabClassName: (selected: boolean) => string;
  children: (tab: Tab, selected: boolean) => ReactNode;
}

/** Tabs after the WAI-ARIA pattern: one tab in the tab order, arrow keys move between them and select. */
export function TabList<Tab extends string>(props: TabListProps<Tab>) {
  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const index = props.tabs.indexOf(props.selected);
    const next = props.tabs[(index + step + props.tabs.length) % props.tabs.length]!;
    props.onChange(next);
    document.getElementById(props.tabId(next))?.focus();
  }
  return (
    <div role="tablist" aria-label={props.label} className={props.className}>
      {props.tabs.map((tab) => {
        const selected = tab === props.selected;
        return (
          <button
            key={tab}
            id={props.tabId(tab)}
            type="button"
            role="tab"
            aria-selected={selected}
            aria-controls={props.panelId(tab)}
            tabIndex={selected ? 0 : -1}
            onClick={() => props.onChange(tab)}
            onKeyDown={onKeyDown}
            className={props.tabClassName(selected)}
          >
            {props.children(tab, selected)}
          </button>
        );
      })}
    </div>
  );
}
