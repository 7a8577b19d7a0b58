import type { ListDeletedRecord, TxnDeletedRecord } from "./records";
import { readString, type XmlElement } from "./xml-read";

export { readListDeleted, readTxnDeleted };

function readListDeleted(ret: XmlElement): ListDeletedRecord {
  return {
    kind: "ListDeleted",
    listDelType: readString(ret, "ListDelType"),
    listId: readString(ret, "ListID"),
    timeCreated: readString(ret, "TimeCreated"),
    timeDeleted: readString(ret, "TimeDeleted"),
    fullName: readString(ret, "FullName"),
  };
}

function readTxnDeleted(ret: XmlElement): TxnDeletedRecord {
  return {
    kind: "TxnDeleted",
    txnDelType: readString(ret, "TxnDelType"),
    txnId: readString(ret, "TxnID"),
    timeCreated: readString(ret, "TimeCreated"),
    timeDeleted: readString(ret, "TimeDeleted"),
    refNumber: readString(ret, "RefNumber"),
  };
}
