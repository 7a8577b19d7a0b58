import { z } from "zod";
import { terms } from "@/db/schema";
import { QB_LIMITS, qbName } from "./fields";
import { namedList } from "./named-list";

const NET_DAYS_MESSAGE = "Enter the net days as a whole number from 0 to 999.";

export const termsInput = z.object({
  name: qbName("name", QB_LIMITS.termsName),
  netDays: z.number({ error: NET_DAYS_MESSAGE }).int(NET_DAYS_MESSAGE).min(0, NET_DAYS_MESSAGE).max(999, NET_DAYS_MESSAGE),
  active: z.boolean().default(true),
});
export type TermsInput = z.input<typeof termsInput>;

export const termsList = namedList({
  table: terms,
  noun: "term",
  input: termsInput,
  sortable: { netDays: terms.netDays },
});
