import { readFileSync } from "node:fs";
import path from "node:path";

/** One row of the status code guidance table (server/sync/status-codes.tsv, copied from the team's reference). */
export interface StatusCodeGuidance {
  code: string;
  kind: string;
  severity: string;
  title: string;
  meaning: string;
  commonCause: string;
  resolution: string;
  /** none, auto_retry, resync, clear_id, sync_parent_first, fix_then_resync, contact_admin, … */
  action: string;
  retry: string;
}

const TABLE_FILE = path.join(process.cwd(), "server", "sync", "status-codes.tsv");
const UNKNOWN_RESOLUTION = "Ask your QuickBooks administrator.";

let table: Map<string, StatusCodeGuidance> | undefined;

function loadTable(): Map<string, StatusCodeGuidance> {
  const [, ...lines] = readFileSync(TABLE_FILE, "utf8")
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "");
  return new Map(
    lines.map((line) => {
      const [code = "", kind = "", severity = "", title = "", meaning = "", commonCause = "", resolution = "", action = "", retry = ""] =
        line.split("\t");
      return [code.toUpperCase(), { code, kind, severity, title, meaning, commonCause, resolution, action, retry }];
    }),
  );
}

/** The Status Code Reference Guide: every row of the table, in its order (qbXML, then HRESULTs, then QBWC codes). */
export function statusCodeGuide(): StatusCodeGuidance[] {
  table ??= loadTable();
  return [...table.values()];
}

/** One entry of the guide, matched without regard to case ("0x8004040a"); undefined when the table lacks it. */
export function findStatusCode(code: string): StatusCodeGuidance | undefined {
  table ??= loadTable();
  return table.get(code.trim().toUpperCase());
}

/** What a status code means and what to do; an unknown code keeps QuickBooks' own message. */
export function guidanceFor(code: string | null, quickBooksMessage: string | null): StatusCodeGuidance {
  table ??= loadTable();
  const known = code === null ? undefined : table.get(code.toUpperCase());
  if (known) return known;
  return {
    code: code ?? "",
    kind: "unknown",
    severity: "Error",
    title: "QuickBooks refused the record",
    meaning: quickBooksMessage ?? "QuickBooks gave no message.",
    commonCause: "",
    resolution: `${quickBooksMessage ? `${quickBooksMessage} ` : ""}${UNKNOWN_RESOLUTION}`,
    action: "contact_admin",
    retry: "no",
  };
}
