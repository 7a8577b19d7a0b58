import type { z } from "zod";
import type { Database, Queryable } from "@/db";
import type { SessionUser } from "@/server/auth/roles";
import { idInput, listInput, type ListInput, type Page } from "@/server/records/list-query";
import { createTRPCRouter, protectedProcedure } from "./trpc";

/** What a record service offers the pages; its create and update take input already checked by `input`. */
export interface RecordService<Schema extends z.ZodType, Row, Detail> {
  input: Schema;
  list(db: Queryable, input: ListInput): Promise<Page<Row>>;
  get(db: Queryable, id: number): Promise<Detail>;
  create(db: Database, data: z.output<Schema>, user: SessionUser): Promise<Detail>;
  update(db: Database, id: number, data: z.output<Schema>, user: SessionUser): Promise<Detail>;
}

/** list/get/create/update for any signed-in person; a domain router spreads these and adds its own. */
export function recordProcedures<Schema extends z.ZodType, Row, Detail>(service: RecordService<Schema, Row, Detail>) {
  // tRPC and zod cannot work out input types over a generic schema, so they are said here once.
  const updateInput = idInput.extend({ data: service.input }) as unknown as z.ZodType<
    { id: number; data: z.output<Schema> },
    { id: number; data: z.input<Schema> }
  >;
  return {
    list: protectedProcedure.input(listInput).query(({ ctx, input }) => service.list(ctx.db, input)),
    get: protectedProcedure.input(idInput).query(({ ctx, input }) => service.get(ctx.db, input.id)),
    create: protectedProcedure
      .input(service.input)
      .mutation(({ ctx, input }) => service.create(ctx.db, input as z.output<Schema>, ctx.user)),
    update: protectedProcedure
      .input(updateInput)
      .mutation(({ ctx, input }) => service.update(ctx.db, input.id, input.data, ctx.user)),
  };
}

/** The router of a record that needs nothing beyond list/get/create/update. */
export function recordRouter<Schema extends z.ZodType, Row, Detail>(service: RecordService<Schema, Row, Detail>) {
  return createTRPCRouter(recordProcedures(service));
}
