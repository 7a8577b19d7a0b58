import { describe, expect, it } from "vitest";
import { adviceFor } from "@/server/sync/advice";

// What Unsynced Entities says to do fits the record's type and the person reading it.
describe("advice on a failure", () => {
  it("says a failure found in Ledgerbridge was not refused by QuickBooks, and who fixes it", () => {
    const advice = adviceFor(
      {
        entityType: "invoice",
        label: "Invoice 1042",
        statusCode: null,
        statusMessage: "The record was deleted in Ledgerbridge before it was sent",
      },
      "staff",
    );
    expect(advice).toEqual({
      title: "Found in Ledgerbridge: QuickBooks did not refuse it",
      resolution:
        "The record was deleted in Ledgerbridge before it was sent. Whoever keeps this invoice fixes it on its page here, then presses Resync; if it can never sync, dismiss it with a reason.",
      action: "fix_then_resync",
      guideCode: null,
    });
  });

  it("explains a name in use by what shares names in QuickBooks for that type, and offers the link when there is one", () => {
    const item = adviceFor({ entityType: "item", label: "Mulch", statusCode: "3100", statusMessage: "in use" }, "staff", {
      canLink: true,
      holder: null,
    });
    expect(item.resolution).toBe(
      'QuickBooks already has the name "Mulch" (services, parts and every other kind of item share one list of names there). If it is this same item, use Link to "Mulch" in QuickBooks (its fields are shown first). Otherwise rename it here (add the town or a number) and press Resync.',
    );
    expect(item.action).toBe("link");
    expect(item.guideCode).toBe("3100");
  });

  it("does not send office staff to do what only an admin can, and tells an admin as it is", () => {
    const failure = { entityType: "customer" as const, label: "Oak Hill Farm", statusCode: "3120", statusMessage: "Object not found" };
    expect(adviceFor(failure, "staff").resolution).toMatch(
      /use Clear ID.*Clear ID and the sync settings are for admins: ask one to do that part\.$/,
    );
    expect(adviceFor(failure, "admin").resolution).not.toContain("ask one to do that part");
  });
});
