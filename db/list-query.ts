import { and, asc, count, desc, or, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteSelect, SQLiteTable } from "drizzle-orm/sqlite-core";
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

/** The input of every procedure that reads or changes one record. */
export const idInput = z.object({ id: z.number().int().positive() });

export interface Page<Row> {
  rows: Row[];
  total: number;
  page: number;
  pageSize: number;
}

interface ListSpec<Row> {
  /** Where the rows are counted: the table, or the join (as SQL) when a searched column lives in another table. */
  table: SQLiteTable | SQL;
  /** Columns a visitor may sort by, keyed by the name the page uses. */
  sortable: Record<string, SQLiteColumn | SQL>;
  defaultSort: string;
  /** Columns the search box looks in (substring, case-insensitive for ASCII). */
  searchable: (SQLiteColumn | SQL)[];
  /** A unique column that orders rows with equal sort values, so no row shows on two pages. */
  tiebreaker?: SQLiteColumn;
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

/**
 * Runs one paginated, sorted and searched list query in SQL, returning the page and the total; `narrowedBy` is a
 * filter the caller adds (for example where records stand with QuickBooks).
 */
export async function listPage<Row>(db: Queryable, spec: ListSpec<Row>, rawInput: ListInput, narrowedBy?: SQL): Promise<Page<Row>> {
  const input = listInput.parse(rawInput);
  const search = input.search;
  const condition = and(spec.where, narrowedBy, searchCondition(spec.searchable, search));
  // The sort key comes from the visitor: only the map's own keys count ("constructor" is not a column).
  const sortKey = input.sort !== undefined && Object.hasOwn(spec.sortable, input.sort) ? input.sort : spec.defaultSort;
  const sortColumn = spec.sortable[sortKey]!;
  const direction = input.direction === "desc" ? desc : asc;
  const sorts = spec.tiebreaker ? [direction(sortColumn), direction(spec.tiebreaker)] : [direction(sortColumn)];
  const order = sql.join(sorts, sql`, `);
  const [rows, [totals]] = await Promise.all([
    spec.rows({ where: condition, orderBy: order, limit: input.pageSize, offset: (input.page - 1) * input.pageSize }),
    db.select({ n: count() }).from(spec.table).where(condition),
  ]);
  return { rows, total: totals?.n ?? 0, page: input.page, pageSize: input.pageSize };
}

/** Applies a page's filter, order and window to a select made dynamic with `.$dynamic()`. */
export function paged<Select extends SQLiteSelect>(select: Select, query: RowsQuery) {
  return select.where(query.where).orderBy(query.orderBy).limit(query.limit).offset(query.offset);
}

/** What the search box matches: the text in any of the columns; undefined (everything) when nothing is typed. */
export function searchCondition(columns: (SQLiteColumn | SQL)[], search: string | undefined): SQL | undefined {
  return search ? or(...columns.map((column) => contains(column, search))) : undefined;
}

/** A substring match, case-insensitive for ASCII, that treats %, _ and backslash in the search as themselves. */
export function contains(column: SQLiteColumn | SQL, search: string): SQL {
  const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}
