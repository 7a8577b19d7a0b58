import type { Queryable } from "@/db";
import type { QbxmlRequest } from "@/server/qbxml";
import type { EntityAdapter, EntityType, LocalRecordOf, RefResolver } from "../entities";
import { linksFor, type SyncLink } from "../links";

/** The Add or Mod for a local record: a Mod when it is linked, an Add otherwise. Field problems fail the item. */
export function exportRequest(
  adapter: EntityAdapter,
  local: LocalRecordOf,
  link: SyncLink | undefined,
  refs: RefResolver,
  requestId: string,
): { request: QbxmlRequest } | { error: string } {
  try {
    if (!link) return { request: adapter.addRq(local, refs, requestId) };
    if (!adapter.canModify) {
      return { error: `QuickBooks does not accept changes to a ${adapter.noun} from another program; change it in QuickBooks by hand.` };
    }
    return { request: adapter.modRq(local, { qbId: link.qbId, editSequence: link.editSequence ?? "0" }, refs, requestId) };
  } catch (error) {
    if (error instanceof Error && error.name === "QbxmlFieldError") return { error: `Cannot send to QuickBooks: ${error.message}` };
    throw error;
  }
}

/** References by ListID/TxnID where linked, by name otherwise. */
export async function refResolver(db: Queryable, adapter: EntityAdapter, locals: LocalRecordOf[]): Promise<RefResolver> {
  const parents = locals.flatMap((local) => adapter.parents(local));
  const byType = new Map<EntityType, Map<number, SyncLink>>();
  for (const type of new Set(parents.map((parent) => parent.type))) {
    byType.set(
      type,
      await linksFor(
        db,
        type,
        parents.filter((parent) => parent.type === type).map((parent) => parent.localId),
      ),
    );
  }
  return {
    ref: (type, localId, name) => {
      const link = byType.get(type)?.get(localId);
      return link ? { listId: link.qbId } : { fullName: name };
    },
    qbId: (type, localId) => byType.get(type)?.get(localId)?.qbId,
  };
}
