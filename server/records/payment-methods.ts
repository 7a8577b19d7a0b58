import { z } from "zod";
import { paymentMethods } from "@/db/schema";
import { QB_LIMITS, qbName } from "./fields";
import { namedList } from "./named-list";

export const paymentMethodInput = z.object({
  name: qbName("name", QB_LIMITS.paymentMethodName),
  active: z.boolean().default(true),
});
export type PaymentMethodInput = z.input<typeof paymentMethodInput>;

export const paymentMethodList = namedList({ table: paymentMethods, noun: "payment method", input: paymentMethodInput });
