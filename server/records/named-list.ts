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
  /**
   * A list with levels (items): the full name ("Landscaping:Mulching") is what QuickBooks keeps unique, and what the
   * list sorts and searches by; `of` works it out for an entry about to be saved (and checks its place).
   */
  fullName?: { column: SQLiteColumn; of(db: Queryable, data: z.output<Schema>, id: number | undefined): Promise<string> };
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
        sortable: { name: spec.fullName?.column ?? table.name, ...spec.sortable, updatedAt: table.updatedAt },
        defaultSort: "name",
        tiebreaker: table.id,
        searchable: [spec.fullName?.column ?? table.name, ...(spec.searchable ?? [])],
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
      const named = await namedAs(tx, data, undefined);
      const values = { ...data, ...named, updatedBy: user?.id ?? null };
      const [row] = await tx.insert(table).values(values).returning();
      return row as Row;
    });
  }

  async function update(db: Queryable, id: number, data: z.output<Schema>, user: SessionUser | null): Promise<Row> {
    return db.transaction(async (tx) => {
      await get(tx, id);
      const named = await namedAs(tx, data, id);
      const values = { ...data, ...named, updatedAt: new Date(), updatedBy: user?.id ?? null };
      const [row] = await tx.update(table).set(values).where(eq(table.id, id)).returning();
      return row as Row;
    });
  }

  /** The name key (and full name, for a list with levels) an entry is saved under, once no other entry holds it. */
  async function namedAs(db: Queryable, data: z.output<Schema>, id: number | undefined) {
    if (!spec.fullName) {
      await refuseNameClash(db, data.name, id);
      return { nameKey: nameKey(data.name) };
    }
    const fullName = await spec.fullName.of(db, data, id);
    await refuseNameClash(db, fullName, id);
    return { fullName, nameKey: nameKey(fullName) };
  }

  async function refuseNameClash(db: Queryable, name: string, exceptId?: number) {
    const key = nameKey(name);
    const condition = exceptId ? and(eq(table.nameKey, key), ne(table.id, exceptId)) : eq(table.nameKey, key);
    const [other] = await db
      .select({ name: spec.fullName?.column ?? table.name })
      .from(table)
      .where(condition);
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
