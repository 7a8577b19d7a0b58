import { and, eq, ne, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { z } from "zod";
import type { Queryable } from "@/db";
import type { items, paymentMethods, salesTaxCodes, salesTaxItems, terms } from "@/db/schema";
import type { SessionUser } from "@/lib/roles";
import { AppError } from "@/server/errors";
import { nameKey } from "./fields";
import { listPage, paged, type ListInput } from "@/db/list-query";

/** The lists whose entries QuickBooks tells apart by name alone, compared without regard to case. */
export type NamedTable = typeof items | typeof paymentMethods | typeof terms | typeof salesTaxCodes | typeof salesTaxItems;

export interface NamedListSpec<Table extends NamedTable, Schema extends z.ZodType<{ name: string }>> {
  table: Table;
  /** One entry as a person says it: "item", "payment method". */
  noun: string;
  input: Schema;
  /** Columns a visitor may sort by; name and updatedAt are always offered. */
  sortable?: Record<string, SQLiteColumn>;
  /** Columns the search box looks in besides the name. */
  searchable?: SQLiteColumn[];
}

/**
 * list/get/create/update for a list of named entries (items, payment methods, terms, sales tax codes):
 * the same rules as contacts, so each list only says its table, its fields and what an entry is called.
 */
export function namedList<Table extends NamedTable, Schema extends z.ZodType<{ name: string }>>(spec: NamedListSpec<Table, Schema>) {
  type Row = Table["$inferSelect"];
  // Queries see the union of the tables; rows are narrowed back to this one.
  const table: NamedTable = spec.table;

  function list(db: Queryable, input: ListInput, narrowedBy?: SQL) {
    return listPage(
      db,
      {
        table,
        sortable: { name: table.name, ...spec.sortable, updatedAt: table.updatedAt },
        defaultSort: "name",
        tiebreaker: table.id,
        searchable: [table.name, ...(spec.searchable ?? [])],
        rows: (query) => paged(db.select().from(table).$dynamic(), query) as Promise<Row[]>,
      },
      input,
      narrowedBy,
    );
  }

  async function get(db: Queryable, id: number): Promise<Row> {
    const [row] = await db.select().from(table).where(eq(table.id, id));
    if (!row) throw new AppError("NOT_FOUND", `That ${spec.noun} does not exist (it may have been deleted).`);
    return row as Row;
  }

  async function create(db: Queryable, data: z.output<Schema>, user: SessionUser | null): Promise<Row> {
    return db.transaction(async (tx) => {
      await refuseNameClash(tx, data.name);
      const values = { ...data, nameKey: nameKey(data.name), updatedBy: user?.id ?? null };
      const [row] = await tx.insert(table).values(values).returning();
      return row as Row;
    });
  }

  async function update(db: Queryable, id: number, data: z.output<Schema>, user: SessionUser | null): Promise<Row> {
    return db.transaction(async (tx) => {
      await get(tx, id);
      await refuseNameClash(tx, data.name, id);
      const values = { ...data, nameKey: nameKey(data.name), updatedAt: new Date(), updatedBy: user?.id ?? null };
      const [row] = await tx.update(table).set(values).where(eq(table.id, id)).returning();
      return row as Row;
    });
  }

  async function refuseNameClash(db: Queryable, name: string, exceptId?: number) {
    const key = nameKey(name);
    const condition = exceptId ? and(eq(table.nameKey, key), ne(table.id, exceptId)) : eq(table.nameKey, key);
    const [other] = await db.select({ name: table.name }).from(table).where(condition);
    if (other) {
      throw new AppError(
        "NAME_IN_USE",
        `The name "${name}" is already used by the ${spec.noun} "${other.name}". QuickBooks compares these names without regard to case, so choose a different name.`,
        { field: "name" },
      );
    }
  }

  return { input: spec.input, list, get, create, update };
}
