import type { SessionStatus } from "@/server/qbwc/sessions";
import { Badge } from "@/components/ui/card";

const OUTCOMES: Record<SessionStatus, { label: string; className: string }> = {
  active: { label: "Running", className: "bg-amber-50 text-amber-800" },
  completed: { label: "Completed", className: "bg-emerald-50 text-emerald-800" },
  nothing_to_do: { label: "Nothing to do", className: "bg-slate-100 text-slate-700" },
  failed: { label: "Failed", className: "bg-red-50 text-red-800" },
  abandoned: { label: "Stopped answering", className: "bg-red-50 text-red-800" },
  connection_error: { label: "Could not open QuickBooks", className: "bg-red-50 text-red-800" },
  not_valid_user: { label: "Wrong user name or password", className: "bg-red-50 text-red-800" },
  busy: { label: "Skipped: another run was on", className: "bg-slate-100 text-slate-700" },
};

/** How a Web Connector session ended, in words and colour. */
export function RunOutcome({ status }: { status: SessionStatus }) {
  const outcome = OUTCOMES[status];
  return <Badge className={outcome.className}>{outcome.label}</Badge>;
}
