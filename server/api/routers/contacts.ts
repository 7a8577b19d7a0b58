import { z } from "zod";
import { createTRPCRouter, protectedProcedure } from "@/server/api/trpc";
import {
  contactInput,
  createContact,
  getContact,
  listContacts,
  updateContact,
  type ContactKind,
} from "@/server/records/contacts";
import { listInput } from "@/server/records/list-query";

const id = z.object({ id: z.number().int().positive() });

/** Customers and vendors have the same shape and the same procedures; only the kind differs. */
export function contactRouter(kind: ContactKind) {
  return createTRPCRouter({
    list: protectedProcedure.input(listInput).query(({ ctx, input }) => listContacts(ctx.db, kind, input)),
    get: protectedProcedure.input(id).query(({ ctx, input }) => getContact(ctx.db, kind, input.id)),
    create: protectedProcedure
      .input(contactInput)
      .mutation(({ ctx, input }) => createContact(ctx.db, kind, input, ctx.user)),
    update: protectedProcedure
      .input(id.extend({ data: contactInput }))
      .mutation(({ ctx, input }) => updateContact(ctx.db, kind, input.id, input.data, ctx.user)),
  });
}

