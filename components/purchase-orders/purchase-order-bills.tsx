"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { formatCents } from "@/lib/money";
import { useTRPC, type RouterOutputs } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { formErrors } from "@/components/ui/form-errors";
import { todayDate } from "@/components/ui/format";

type PurchaseOrderDetail = RouterOutputs["purchaseOrders"]["get"];

/** The bills entered from the order, what each line has been billed, and Create bill while something is left to bill. */
export function PurchaseOrderBills({ order }: { order: PurchaseOrderDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigation = useRouter();
  const createBill = useMutation(
    trpc.purchaseOrders.createBill.mutationOptions({
      onSuccess: async (bill) => {
        await queryClient.invalidateQueries({ queryKey: trpc.bills.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.purchaseOrders.pathKey() });
        navigation.push(`/bills/${bill.id}`);
      },
    }),
  );
  const error = formErrors(createBill.error).message;
  return (
    <Card className="mb-4 space-y-3 px-6 py-4">
      <section aria-labelledby="purchase-order-bills-heading" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="purchase-order-bills-heading" className="text-base font-semibold text-slate-900">
            Bills
          </h2>
          {order.billable ? (
            <Button type="button" disabled={createBill.isPending} onClick={() => createBill.mutate({ id: order.id, txnDate: todayDate() })}>
              {createBill.isPending ? "Creating…" : "Create bill"}
            </Button>
          ) : null}
        </div>
        {error ? <Alert>{error}</Alert> : null}
        {order.bills.length === 0 ? (
          <p className="text-sm text-slate-500">
            No bills from this order yet. Create bill copies the lines not billed yet into a new bill.
          </p>
        ) : (
          <ul className="text-sm text-slate-700">
            {order.bills.map((bill) => (
              <li key={bill.id}>
                <Link className="text-brand-700 underline" href={`/bills/${bill.id}`}>
                  Bill{bill.refNumber ? ` ${bill.refNumber}` : ""} of {bill.txnDate}
                </Link>{" "}
                <span className="tabular-nums">{formatCents(bill.totalCents)}</span>
              </li>
            ))}
          </ul>
        )}
        <ul className="text-sm text-slate-700">
          {order.lines.map((line) => (
            <li key={line.id}>
              {line.itemName}: {line.billedQuantity} of {line.quantity} billed
              {line.billedQuantity > line.quantity ? " (more than ordered)" : ""}
            </li>
          ))}
        </ul>
      </section>
    </Card>
  );
}
