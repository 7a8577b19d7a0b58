import { inArray, sql } from "drizzle-orm";
import { accounts } from "@/db/schema";
import { accountQueryRq, QbxmlFieldError, type AccountRecord, type QbxmlRecord } from "@/server/qbxml";
import { saveImportedAccount, type Account } from "@/server/records/accounts";
import { listKey } from "./match-keys";
import { scopeWithout, type EntityAdapter, type KeptHere } from "./types";

const ACCOUNTS_KEPT_HERE: KeptHere[] = [
  { rows: sql`1`, reason: "Accounts come from QuickBooks' chart of accounts: they are read from there and never sent." },
];

function neverSent(what: string): never {
  throw new QbxmlFieldError(what, "is never sent: the chart of accounts is kept in QuickBooks. Add or change the account there.");
}

/**
 * QuickBooks' chart of accounts, mirrored as a read-only list for bills' expense lines: each run writes what it reads
 * here without asking (there is nothing to decide), and its scope is empty, so nothing is ever exported.
 */
export const accountAdapter: EntityAdapter<Account, AccountRecord> = {
  type: "account",
  noun: "account",
  level: 1,
  idKind: "list",
  table: accounts,
  scope: scopeWithout(undefined, ACCOUNTS_KEPT_HERE),
  keptHere: ACCOUNTS_KEPT_HERE,
  mirrored: true,
  canModify: false,
  discovery: [
    {
      // AccountQueryRq takes no iterator in qbXML 13.0: the whole changed part of the chart comes in one answer.
      key: "Account",
      iterates: false,
      build: (from, _max, options) => accountQueryRq({ activeStatus: "All", fromModifiedDate: from }, { requestId: options.requestId }),
    },
  ],
  owns: (record: QbxmlRecord): record is AccountRecord => record.kind === "Account",
  loadLocal: (db, ids) =>
    db
      .select()
      .from(accounts)
      .where(inArray(accounts.id, [...ids])),
  label: (local) => local.fullName,
  fields: (local) => ({ name: local.fullName, accountType: local.accountType, accountNumber: local.accountNumber, active: local.active }),
  parents: () => [],
  matchKey: (local) => listKey(local.fullName),
  remoteMatchKey: (remote) => listKey(remote.fullName ?? remote.name),
  takenKey: (local) => listKey(local.fullName),
  remoteTakenKey: (remote) => listKey(remote.fullName ?? remote.name),
  localsSharingKeys: async (db, remotes) => {
    const keys = remotes.flatMap((remote) => listKey(remote.fullName ?? remote.name) ?? []);
    const rows = await db.select({ id: accounts.id }).from(accounts).where(inArray(accounts.nameKey, keys));
    return rows.map((row) => row.id);
  },
  remoteId: (remote) => remote.listId,
  remoteLabel: (remote) => remote.fullName ?? remote.name ?? "(no name)",
  remoteFields: (remote) => ({
    name: remote.fullName ?? remote.name ?? null,
    accountType: remote.accountType ?? null,
    accountNumber: remote.accountNumber ?? null,
    active: remote.isActive ?? true,
  }),
  queryById: (qbId, requestId) => accountQueryRq({ listIds: [qbId] }, { requestId }),
  queryForLookup: (local, requestId) => accountQueryRq({ fullNames: [local.fullName] }, { requestId }),
  matchLookup: (local, found) => found.find((record) => listKey(record.fullName) === local.nameKey),
  addRq: () => neverSent("AccountAdd"),
  modRq: () => neverSent("AccountMod"),
  applyImport: (db, remote, localId) =>
    saveImportedAccount(
      db,
      {
        name: remote.name ?? remote.fullName ?? "",
        fullName: remote.fullName ?? remote.name ?? "",
        accountType: remote.accountType ?? "",
        accountNumber: remote.accountNumber ?? null,
        active: remote.isActive ?? true,
      },
      localId,
    ),
};
