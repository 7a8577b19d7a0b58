import { recordRouter } from "@/server/api/record-procedures";
import { createPayment, getPayment, listPayments, paymentInput, updatePayment } from "@/server/records/payments";

export const paymentsRouter = recordRouter({
  input: paymentInput,
  list: listPayments,
  get: getPayment,
  create: createPayment,
  update: updatePayment,
});
