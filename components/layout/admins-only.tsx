import { Card, PageHeader } from "@/components/ui/card";

/** What a staff member sees on an admin page: the server refuses its procedures anyway (FORBIDDEN). */
export function AdminsOnly({ title, what }: { title: string; what: string }) {
  return (
    <>
      <PageHeader title={title} />
      <Card className="max-w-xl p-6">
        <p className="text-sm text-slate-700">Only admins can {what}. If something here needs changing, ask an admin of Ledgerbridge.</p>
      </Card>
    </>
  );
}
