import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db";
import { contacts, salesTaxGroupItems, salesTaxItems } from "@/db/schema";
import type { ListInput, Page } from "@/db/list-query";
import type { SessionUser } from "@/lib/roles";
import { groupRatePercent } from "@/lib/sales-tax";
import { AppError } from "@/server/errors";
import { blankable, QB_LIMITS, qbName, qbText, recordId } from "./fields";
import { namedList } from "./named-list";

export type SalesTaxItem = typeof salesTaxItems.$inferSelect;

const RATE_MESSAGE = "Enter the tax rate in percent, from 0 to 100 with at most 5 decimals, such as 8.25.";

/** A tax rate in percent as people type it ("8.25" or "8.25%"); qbXML's PERCENTTYPE allows 5 decimals. */
const ratePercent = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const text = typeof value === "number" ? String(value) : value.replace(/[%\s]/g, "");
  if (!/^\d{1,3}(\.\d{1,5})?$/.test(text) || Number(text) > 100) {
    ctx.addIssue({ code: "custom", message: RATE_MESSAGE });
    return z.NEVER;
  }
  return Number(text);
});

export const salesTaxItemInput = z
  .object({
    name: qbName("name", QB_LIMITS.itemName),
    description: qbText("description", QB_LIMITS.itemDescription),
    ratePercent: ratePercent.default(0),
    /** The tax agency (a vendor) the tax is paid to. */
    agencyId: blankable(recordId("a tax agency (a vendor)")),
    active: z.boolean().default(true),
  })
  .transform((item) => ({ ...item, kind: "item" as const }));
export type SalesTaxItemInput = z.input<typeof salesTaxItemInput>;

const groupFields = z.object({
  name: qbName("name", QB_LIMITS.itemName),
  description: qbText("description", QB_LIMITS.itemDescription),
  active: z.boolean().default(true),
});

export const salesTaxGroupInput = groupFields
  .extend({ itemIds: z.array(recordId("a sales tax item")).min(1, "Choose at least one sales tax item for the group.") })
  .transform((group) => ({ ...group, kind: "group" as const }));
export type SalesTaxGroupInput = z.input<typeof salesTaxGroupInput>;

// Sales tax items and groups share one pool of names with the other items in QuickBooks; here, with each other.
const namedTaxItems = namedList({
  table: salesTaxItems,
  noun: "sales tax item or group",
  input: salesTaxItemInput,
  sortable: { ratePercent: salesTaxItems.ratePercent },
  searchable: [salesTaxItems.description],
});
// A group's row holds no rate or agency: its rate is its items'.
const namedTaxGroups = namedList({
  table: salesTaxItems,
  noun: "sales tax item or group",
  input: groupFields.transform((group) => ({ ...group, kind: "group" as const })),
  searchable: [salesTaxItems.description],
});

/** Sales tax items: a rate and the agency it is paid to. */
export const salesTaxItemList = {
  input: salesTaxItemInput,
  list: async (db: Queryable, input: ListInput, narrowedBy?: SQL) =>
    described(db, await namedTaxItems.list(db, input, and(eq(salesTaxItems.kind, "item"), narrowedBy))),
  get: (db: Queryable, id: number) => withAgency(db, namedTaxItems.get(db, id)),
  async create(db: Queryable, data: z.output<typeof salesTaxItemInput>, user: SessionUser | null) {
    await refuseBadAgency(db, data.agencyId);
    return withAgency(db, namedTaxItems.create(db, data, user));
  },
  async update(db: Queryable, id: number, data: z.output<typeof salesTaxItemInput>, user: SessionUser | null) {
    await refuseBadAgency(db, data.agencyId);
    await requireKind(db, id, "item");
    return withAgency(db, namedTaxItems.update(db, id, data, user));
  },
};

/** Sales tax groups: several sales tax items charged together, at the sum of their rates. */
export const salesTaxGroupList = {
  input: salesTaxGroupInput,
  list: async (db: Queryable, input: ListInput, narrowedBy?: SQL) =>
    described(db, await namedTaxGroups.list(db, input, and(eq(salesTaxItems.kind, "group"), narrowedBy))),
  get: (db: Queryable, id: number) => withMembers(db, namedTaxGroups.get(db, id)),
  create(db: Queryable, data: z.output<typeof salesTaxGroupInput>, user: SessionUser | null) {
    return db.transaction(async (tx) => {
      const { itemIds, ...group } = data;
      const row = await namedTaxGroups.create(tx, group, user);
      await saveMembers(tx, row.id, itemIds);
      return withMembers(tx, Promise.resolve(row));
    });
  },
  update(db: Queryable, id: number, data: z.output<typeof salesTaxGroupInput>, user: SessionUser | null) {
    return db.transaction(async (tx) => {
      await requireKind(tx, id, "group");
      const { itemIds, ...group } = data;
      const row = await namedTaxGroups.update(tx, id, group, user);
      await saveMembers(tx, id, itemIds);
      return withMembers(tx, Promise.resolve(row));
    });
  },
};

/** A page of sales tax items or groups as the Lists page shows it: each item's agency, each group's items and rate. */
async function described(db: Queryable, page: Page<SalesTaxItem>) {
  const ids = page.rows.map((row) => row.id);
  const agencyIds = page.rows.flatMap((row) => (row.agencyId === null ? [] : [row.agencyId]));
  const agencies =
    agencyIds.length === 0
      ? []
      : await db.select({ id: contacts.id, name: contacts.name }).from(contacts).where(inArray(contacts.id, agencyIds));
  const members =
    ids.length === 0
      ? []
      : await db
          .select({ groupId: salesTaxGroupItems.groupId, name: salesTaxItems.name, ratePercent: salesTaxItems.ratePercent })
          .from(salesTaxGroupItems)
          .innerJoin(salesTaxItems, eq(salesTaxItems.id, salesTaxGroupItems.itemId))
          .where(inArray(salesTaxGroupItems.groupId, ids))
          .orderBy(asc(salesTaxGroupItems.position));
  const rows = page.rows.map((row) => {
    const own = members.filter((member) => member.groupId === row.id);
    return {
      ...row,
      agencyName: agencies.find((agency) => agency.id === row.agencyId)?.name ?? null,
      itemNames: own.map((member) => member.name).join(", "),
      ratePercent: row.kind === "group" ? groupRatePercent(own.map((member) => member.ratePercent ?? 0)) : row.ratePercent,
    };
  });
  return { ...page, rows };
}

/** The rate an invoice charging this item or group applies: a group's is the sum of its items'. */
export async function salesTaxRatePercent(db: Queryable, salesTaxItemId: number | null): Promise<number> {
  if (salesTaxItemId === null) return 0;
  const [found] = await db.select().from(salesTaxItems).where(eq(salesTaxItems.id, salesTaxItemId));
  if (!found)
    throw new AppError("BAD_INPUT", "That sales tax item does not exist (it may have been deleted). Choose another.", {
      field: "salesTaxItemId",
    });
  if (found.kind === "item") return found.ratePercent ?? 0;
  const members = await groupMembers(db, found.id);
  return groupRatePercent(members.map((member) => member.ratePercent ?? 0));
}

/** A group's sales tax items, in the order they were listed. */
export function groupMembers(db: Queryable, groupId: number) {
  return db
    .select({ id: salesTaxItems.id, name: salesTaxItems.name, ratePercent: salesTaxItems.ratePercent })
    .from(salesTaxGroupItems)
    .innerJoin(salesTaxItems, eq(salesTaxItems.id, salesTaxGroupItems.itemId))
    .where(eq(salesTaxGroupItems.groupId, groupId))
    .orderBy(asc(salesTaxGroupItems.position));
}

async function saveMembers(db: Queryable, groupId: number, itemIds: readonly number[]) {
  const unique = [...new Set(itemIds)];
  const found = await db
    .select({ id: salesTaxItems.id })
    .from(salesTaxItems)
    .where(and(inArray(salesTaxItems.id, unique), eq(salesTaxItems.kind, "item")));
  if (found.length !== unique.length) {
    throw new AppError("BAD_INPUT", "A group holds sales tax items only, and each must still exist. Choose them again.", {
      field: "itemIds",
    });
  }
  await db.delete(salesTaxGroupItems).where(eq(salesTaxGroupItems.groupId, groupId));
  await db.insert(salesTaxGroupItems).values(unique.map((itemId, index) => ({ groupId, itemId, position: index + 1 })));
}

async function withMembers(db: Queryable, row: Promise<SalesTaxItem>) {
  const group = await row;
  const items = await groupMembers(db, group.id);
  return { ...group, agencyName: null, items, ratePercent: groupRatePercent(items.map((item) => item.ratePercent ?? 0)) };
}

async function withAgency(db: Queryable, row: Promise<SalesTaxItem>) {
  const item = await row;
  const [agency] =
    item.agencyId === null ? [] : await db.select({ name: contacts.name }).from(contacts).where(eq(contacts.id, item.agencyId));
  return { ...item, agencyName: agency?.name ?? null, items: [] as Awaited<ReturnType<typeof groupMembers>> };
}

async function requireKind(db: Queryable, id: number, kind: SalesTaxItem["kind"]) {
  const [found] = await db.select({ kind: salesTaxItems.kind }).from(salesTaxItems).where(eq(salesTaxItems.id, id));
  if (found && found.kind !== kind) {
    throw new AppError("BAD_INPUT", `That is a sales tax ${found.kind}, not a ${kind}; edit it in its own list.`);
  }
}

async function refuseBadAgency(db: Queryable, agencyId: number | null) {
  if (agencyId === null) return;
  const [agency] = await db.select({ kind: contacts.kind }).from(contacts).where(eq(contacts.id, agencyId));
  if (agency?.kind !== "vendor") {
    throw new AppError("BAD_INPUT", "The tax agency must be a vendor here. Choose a vendor, or add the agency as a vendor first.", {
      field: "agencyId",
    });
  }
}
