"use client";

import { cn } from "@/components/ui/cn";
import { TabList } from "@/components/ui/tabs";

export type Section = "import" | "export";

const SECTIONS = ["import", "export"] as const;
const WORDS: Record<Section, { label: string; hint: string }> = {
  import: { label: "Import from QuickBooks", hint: "Changes made in QuickBooks, to bring in here" },
  export: { label: "Export to QuickBooks", hint: "Changes made here, to send to QuickBooks" },
};

export const sectionTabId = (section: Section) => `tab-${section}`;
export const sectionPanelId = (section: Section) => `section-${section}`;

/** The Sync Wizard's two sections as tabs, each with how many changes wait in it. */
export function SectionTabs(props: {
  section: Section;
  counts: Record<Section, number> | undefined;
  onChange: (section: Section) => void;
}) {
  return (
    <TabList
      label="Sync Wizard sections"
      tabs={SECTIONS}
      selected={props.section}
      onChange={props.onChange}
      tabId={sectionTabId}
      panelId={sectionPanelId}
      className="mb-4 grid gap-3 sm:grid-cols-2"
      tabClassName={(selected) =>
        cn(
          "flex items-center justify-between gap-3 rounded-lg border bg-white px-4 py-3 text-left shadow-sm hover:border-brand-600",
          selected ? "border-brand-600 ring-1 ring-brand-600" : "border-slate-200",
        )
      }
    >
      {(section) => {
        const count = props.counts?.[section];
        return (
          <>
            <span>
              <span className="block text-sm font-semibold text-slate-900">{WORDS[section].label}</span>
              <span className="block text-xs text-slate-600">{WORDS[section].hint}</span>
            </span>
            <span
              className={cn(
                "min-w-8 rounded-full px-2 py-0.5 text-center text-sm font-semibold tabular-nums",
                count ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-600",
              )}
            >
              {count === undefined ? "…" : count.toLocaleString("en-US")}
              <span className="sr-only"> waiting</span>
            </span>
          </>
        );
      }}
    </TabList>
  );
}
