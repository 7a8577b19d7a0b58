import { and, asc, count, desc, or, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import type { Queryable } from "@/db";

/** What every server-driven table sends: one page, one sort, one search box. */
export const listInput = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(25),
  sort: z.string().max(40).optional(),
  direction: z.enum(["asc", "desc"]).default("asc"),
  search: z.string().trim().max(100).optional(),
});
export type ListInput = z.input<typeof listInput>;

export interface Page<Row> {
  rows: Row[];
  total: number;
  page: number;
  pageSize: number;
}

interface ListSpec<Row> {
  table: SQLiteTable;
  /** Columns a visitor may sort by, keyed by the name the page uses. */
  sortable: Record<string, SQLiteColumn | SQL>;
  defaultSort: string;
  /** Columns the search box looks in (substring, case-insensitive for ASCII). */
  searchable: (SQLiteColumn | SQL)[];
  /** Conditions that always apply, e.g. the kind of contact. */
  where?: SQL;
  rows: (query: RowsQuery) => Promise<Row[]>;
}

export interface RowsQuery {
  where: SQL | undefined;
  orderBy: SQL;
  limit: number;
  offset: number;
}

/** Runs one paginated, sorted and searched list query in SQL, returning the page and the total. */
export async function listPage<Row>(db: Queryable, spec: ListSpec<Row>, rawInput: ListInput): Promise<Page<Row>> {
  const input = listInput.parse(rawInput);
  const pattern = input.search ? `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const searchCondition = pattern
    ? or(...spec.searchable.map((column) => sql`${column} LIKE ${pattern} ESCAPE '\\'`))
    : undefined;
  const condition = and(spec.where, searchCondition);
  const sortColumn = spec.sortable[input.sort ?? spec.defaultSort] ?? spec.sortable[spec.defaultSort]!;
  const order = input.direction === "desc" ? desc(sortColumn) : asc(sortColumn);
  const [rows, [totals]] = await Promise.all([
    spec.rows({ where: condition, orderBy: order, limit: input.pageSize, offset: (input.page - 1) * input.pageSize }),
    db.select({ n: count() }).from(spec.table).where(condition),
  ]);
  return { rows, total: totals?.n ?? 0, page: input.page, pageSize: input.pageSize };
}
