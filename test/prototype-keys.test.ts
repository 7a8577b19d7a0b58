import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { parseQbxmlResponse } from "@/server/qbxml";
import { connectionFailedMessage } from "@/server/qbwc/hresults";
import { callerFor, createTestUser } from "./support/callers";
import { createTestDatabase } from "./support/database";

// Keys a caller chooses (a sort column, an HRESULT, an element name) are looked up among a table's own entries only:
// "constructor", "__proto__" and "toString" are not columns, hints or record kinds.
let db: Database;
let caller: ReturnType<typeof callerFor>;

beforeAll(async () => {
  db = await createTestDatabase();
  caller = callerFor(db, await createTestUser(db, "staff"));
  await caller.customers.create({ name: "Harbor Light Bakery" });
});

describe("keys from outside", () => {
  for (const sort of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
    it(`sorts a list asked to sort by "${sort}" by its default column instead of failing`, async () => {
      const page = await caller.customers.list({ sort });
      expect(page.rows.map((row) => row.name)).toEqual(["Harbor Light Bakery"]);
    });
  }

  it("words an HRESULT called constructor as an unknown one", () => {
    expect(connectionFailedMessage({ hresult: "constructor", message: "" })).toBe(
      "The Web Connector could not open QuickBooks (constructor). Make sure QuickBooks is running with the company file open, then run the Web Connector again.",
    );
  });

  it("reads a *Ret named like an object's own property as a record it does not know", () => {
    const [response] = parseQbxmlResponse(
      `<?xml version="1.0"?><QBXML><QBXMLMsgsRs><CustomerQueryRs requestID="1" statusCode="0" statusSeverity="Info" statusMessage="Status OK"><constructorRet><ListID>1</ListID></constructorRet></CustomerQueryRs></QBXMLMsgsRs></QBXML>`,
    );
    expect(response!.records).toEqual([expect.objectContaining({ kind: "Other", element: "constructorRet", listId: "1" })]);
  });
});
