import { and, eq, ne, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import type { Queryable } from "@/db";
import { contacts, items } from "@/db/schema";
import { AppError } from "@/server/errors";
import { recordId } from "./fields";

/**
 * "Send to QuickBooks as": another record of the same kind QuickBooks knows this one as. Left out on an update,
 * the saved proxy stays (imports from QuickBooks say nothing about it); blank or null clears it.
 */
export function proxyField(noun: string) {
  return z.preprocess((value) => (value === "" ? null : value), recordId(`the ${noun} to send it to QuickBooks as`).nullable()).optional();
}

type ProxyTable = typeof contacts | typeof items;

interface ProxyRecord {
  /** Undefined while the record is being created. */
  id?: number;
  name: string;
  /** Contacts: a customer stands in for customers only, a vendor for vendors. */
  kind?: string;
}

/**
 * A proxy is one level deep: it exists, is of the same kind, is not the record itself, has no proxy of its own,
 * and a record others are sent as cannot be sent as another one. A newly chosen proxy must be active.
 */
export async function refuseBadProxy(
  db: Queryable,
  table: ProxyTable,
  noun: string,
  record: ProxyRecord,
  proxyId: number | null | undefined,
  savedProxyId: number | null = null,
): Promise<void> {
  if (proxyId === null || proxyId === undefined) return;
  const field = { field: "proxyId" };
  const aNoun = `${capitalized(article(noun))} ${noun}`;
  if (proxyId === record.id) {
    throw new AppError("BAD_INPUT", `${aNoun} cannot be sent to QuickBooks as itself. Choose another ${noun}, or leave it blank.`, field);
  }
  const [proxy] = await db
    .select({ name: table.name, kind: table.kind, active: table.active, proxyId: table.proxyId })
    .from(table)
    .where(eq(table.id, proxyId));
  if (!proxy)
    throw new AppError("BAD_INPUT", `That ${noun} does not exist (it may have been deleted). Choose another, or leave it blank.`, field);
  if (record.kind !== undefined && proxy.kind !== record.kind) {
    const otherKind = `"${proxy.name}" is ${article(proxy.kind)} ${proxy.kind}.`;
    throw new AppError("BAD_INPUT", `${otherKind} ${aNoun} can only be sent to QuickBooks as another ${noun}.`, field);
  }
  if (proxy.proxyId !== null) {
    const [further] = await db.select({ name: table.name }).from(table).where(eq(table.id, proxy.proxyId));
    const furtherName = further?.name ?? "another record";
    throw new AppError(
      "BAD_INPUT",
      `"${proxy.name}" is itself sent to QuickBooks as "${furtherName}", so it cannot stand for other records. Choose "${furtherName}" instead.`,
      field,
    );
  }
  if (!proxy.active && proxyId !== savedProxyId) {
    throw new AppError("BAD_INPUT", `The ${noun} "${proxy.name}" is inactive. Make it active first, or choose another.`, field);
  }
  if (record.id !== undefined) {
    const [stoodFor] = await db
      .select({ name: table.name, n: sql<number>`count(*) over ()` })
      .from(table)
      .where(and(eq(table.proxyId, record.id), ne(table.id, record.id)))
      .limit(1);
    if (stoodFor) {
      const others = Number(stoodFor.n) === 1 ? `"${stoodFor.name}"` : `${stoodFor.n} ${noun}s such as "${stoodFor.name}"`;
      throw new AppError(
        "BAD_INPUT",
        `"${record.name}" stands in QuickBooks for ${others}, so it cannot be sent as another ${noun} itself. Send those as "${proxy.name}" first.`,
        field,
      );
    }
  }
}

/**
 * The record with the name of the proxy it is sent to QuickBooks as (null when it is sent as itself); `name` is the
 * column that names it where that is not the name (an item's full name).
 */
export async function withProxyName<Row extends { proxyId: number | null }>(
  db: Queryable,
  table: ProxyTable,
  row: Row,
  name: SQLiteColumn = table.name,
): Promise<Row & { proxyName: string | null }> {
  if (row.proxyId === null) return { ...row, proxyName: null };
  const [proxy] = await db.select({ name }).from(table).where(eq(table.id, row.proxyId));
  return { ...row, proxyName: proxy?.name ?? null };
}

function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? "an" : "a";
}

function capitalized(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
