import { z } from "zod";
import { idInput } from "@/db/list-query";
import { listWithSyncStatus, syncedListInput, syncedRecordProcedures, type RecordService } from "@/server/api/record-procedures";
import {
  contactInput,
  createContact,
  getContact,
  listContacts,
  updateContact,
  type Contact,
  type ContactDetail,
  type ContactKind,
} from "@/server/records/contacts";
import { balanceDiffers, contactBalance, contactBalances } from "@/server/sync/balances";
import { createTRPCRouter, protectedProcedure } from "../trpc";

const contactListInput = syncedListInput.extend({ balance: z.enum(["differs"]).optional() });

/**
 * Customers and vendors have the same shape and the same procedures; only the kind differs. Their rows and pages also
 * carry the balance QuickBooks reports beside the one Ledgerbridge's synced transactions give.
 */
export function contactRouter(kind: ContactKind) {
  const service = contactService(kind);
  return createTRPCRouter({
    ...syncedRecordProcedures(kind, service),
    list: protectedProcedure.input(contactListInput).query(async ({ ctx, input }) => {
      const page = await listWithSyncStatus(ctx.db, kind, service, input, input.balance ? await balanceDiffers(ctx.db, kind) : undefined);
      const balances = await contactBalances(
        ctx.db,
        kind,
        page.rows.map((row) => row.id),
      );
      return { ...page, rows: page.rows.map((row) => ({ ...row, balance: balances.get(row.id) ?? null })) };
    }),
    balance: protectedProcedure.input(idInput).query(({ ctx, input }) => contactBalance(ctx.db, kind, input.id)),
  });
}

function contactService(kind: ContactKind): RecordService<typeof contactInput, Contact, ContactDetail> {
  return {
    input: contactInput,
    list: (db, input, narrowedBy) => listContacts(db, kind, input, narrowedBy),
    get: (db, id) => getContact(db, kind, id),
    create: (db, data, user) => createContact(db, kind, data, user),
    update: (db, id, data, user) => updateContact(db, kind, id, data, user),
  };
}
