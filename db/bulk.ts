import { getTableColumns, getTableName, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Queryable } from "./index";

// Many rows in one statement whose only parameter is the rows as JSON, unpacked by SQLite's json_each. Drizzle's
// multi-row VALUES makes a bound parameter of every cell, and at fifty rows building that statement costs more than
// running it. Values go through each column's own mapping (dates, booleans, JSON), so they are stored exactly as
// drizzle would store them.

/** The alias of the JSON rows in the statements below. */
const ROW = sql.raw("json_rows.value");

/**
 * Inserts `rows` into `table`; every row must give the same columns (a column with a default may be left out of all).
 * With `onConflict`, a row whose `target` columns are taken writes its `update` columns over the row there; with
 * "replace", every row holding a unique key a new row takes (by any unique index) is deleted first.
 */
export async function insertRows<T extends SQLiteTable>(
  db: Queryable,
  table: T,
  rows: readonly T["$inferInsert"][],
  onConflict?: { target: readonly SQLiteColumn[]; update: readonly SQLiteColumn[] } | "replace",
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table) as Record<string, SQLiteColumn>).filter(([key]) => rows.some((row) => key in row));
  const packed = rows.map((row) =>
    columns.map(([key, column]) => {
      const value = (row as Record<string, unknown>)[key];
      return value === undefined || value === null ? null : column.mapToDriverValue(value);
    }),
  );
  const names = sql.join(
    columns.map(([, column]) => sql.identifier(column.name)),
    sql`, `,
  );
  const values = sql.join(
    columns.map((_, index) => sql`${ROW} ->> ${sql.raw(String(index))}`),
    sql`, `,
  );
  // "where true" keeps SQLite from reading ON CONFLICT as a join's ON.
  const upsert =
    onConflict && onConflict !== "replace"
      ? sql` where true on conflict (${sql.join(
          onConflict.target.map((column) => sql.identifier(column.name)),
          sql`, `,
        )}) do update set ${sql.join(
          onConflict.update.map((column) => sql`${sql.identifier(column.name)} = excluded.${sql.identifier(column.name)}`),
          sql`, `,
        )}`
      : sql``;
  await db.run(
    sql`insert ${sql.raw(onConflict === "replace" ? "or replace " : "")}into ${sql.identifier(getTableName(table))} (${names}) select ${values} from json_each(${JSON.stringify(packed)}) as json_rows${upsert}`,
  );
}

/**
 * One UPDATE giving each row its own values: `changes` maps a row id to the columns it changes (a row leaves out the
 * columns it keeps). `set` holds values shared by all rows. Returns the ids of the rows that matched `where`.
 */
export async function updateRows<T extends SQLiteTable>(
  db: Queryable,
  table: T,
  changes: ReadonlyMap<number, Partial<T["$inferInsert"]>>,
  set: Record<string, SQL | unknown>,
  where: SQL | undefined,
): Promise<number[]> {
  if (changes.size === 0) return [];
  const columns = getTableColumns(table) as Record<string, SQLiteColumn>;
  const idColumn = columns.id;
  if (!idColumn) throw new Error(`${getTableName(table)} has no id column.`);
  const keys = [...new Set([...changes.values()].flatMap((row) => Object.keys(row)))];
  const packed = [...changes].map(([id, row]) => {
    const values: Record<string, unknown> = { id };
    for (const key of keys) {
      if (!(key in row)) continue;
      const value = (row as Record<string, unknown>)[key];
      values[key] = value === undefined || value === null ? null : columns[key]!.mapToDriverValue(value);
    }
    return values;
  });
  // The JSON is unpacked once into a materialised table (each value and whether the row gives it) that the UPDATE
  // walks, finding each row by its key.
  const unpacked = sql.join(
    [
      sql`json_rows.value ->> '$.id' as row_id`,
      ...keys.flatMap((key, index) => [
        sql`json_type(json_rows.value, ${`$.${key}`}) is not null as ${sql.identifier(`given_${index}`)}`,
        sql`json_rows.value ->> ${`$.${key}`} as ${sql.identifier(`value_${index}`)}`,
      ]),
    ],
    sql`, `,
  );
  const perRow: Record<string, SQL> = {};
  keys.forEach((key, index) => {
    perRow[key] =
      sql`case when changed.${sql.identifier(`given_${index}`)} then changed.${sql.identifier(`value_${index}`)} else ${sql.identifier(columns[key]!.name)} end`;
  });
  const assignments = Object.entries({ ...set, ...perRow }).map(([key, value]) => {
    const column = columns[key];
    if (!column) throw new Error(`${getTableName(table)} has no column ${key}.`);
    const expression = isSql(value) ? value : sql`${value === null ? null : column.mapToDriverValue(value)}`;
    return sql`${sql.identifier(column.name)} = ${expression}`;
  });
  const tableName = sql.identifier(getTableName(table));
  const id = sql`${tableName}.${sql.identifier(idColumn.name)}`;
  const rows = await db.all<{ id: number }>(
    sql`with changed as materialized (select ${unpacked} from json_each(${JSON.stringify(packed)}) as json_rows) update ${tableName} set ${sql.join(assignments, sql`, `)} from changed where ${id} = changed.row_id${
      where ? sql` and ${where}` : sql``
    } returning ${id} as id`,
  );
  return rows.map((row) => Number(row.id));
}

function isSql(value: unknown): value is SQL {
  return typeof value === "object" && value !== null && "queryChunks" in value;
}
