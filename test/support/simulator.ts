import { parseQbxmlResponse, type QbxmlResponse } from "@/server/qbxml";
import { SimulatedCompany, type CompanyOptions, type SeedCounts } from "@/scripts/simulator";
import { qbxmlRequest } from "./qbwc-engine";

/** QuickBooks' clock for a test: starts at `start` and moves only when the test says so. */
export function testClock(start = "2024-03-04T14:00:00Z") {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

/** A seeded company on a test clock (the starter lists come with it). */
export function testCompany(counts: SeedCounts = {}, options: CompanyOptions = {}) {
  const clock = testClock();
  const company = SimulatedCompany.seed(counts, { now: clock.now, ...options });
  return { company, clock };
}

/**
 * An empty company on a test clock, without the starter lists (their terms and payment methods would be import
 * candidates), holding what items refer to and are not synced: the income accounts and the "Non" tax code.
 */
export function companyForItems() {
  const clock = testClock();
  const company = new SimulatedCompany({ now: clock.now, starterLists: false });
  for (const name of ["Service Income", "Materials Income"]) company.add("Account", { Name: name, AccountType: "Income" });
  company.add("SalesTaxCode", { Name: "Non", IsTaxable: "false" });
  return { company, clock };
}

/** Sends one request document (stopOnError unless told) and reads the answers with the app's own parser. */
export function ask(company: SimulatedCompany, body: string, onError: "stopOnError" | "continueOnError" = "stopOnError"): QbxmlResponse[] {
  const xml = qbxmlRequest(body).replace('onError="stopOnError"', `onError="${onError}"`);
  return parseQbxmlResponse(company.handle(xml));
}

/** The one answer of a single-request document. */
export function askOne(company: SimulatedCompany, body: string): QbxmlResponse {
  const [response] = ask(company, body);
  if (!response) throw new Error(`No response to ${body}`);
  return response;
}

/** A customer entered in QuickBooks with one $1,240.00 invoice (two snow plowings), so its balance there is $1,240.00. */
export function addInvoicedCustomer(company: SimulatedCompany, name: string): void {
  const customer = company.addCustomer({ Name: name });
  const item = company.add("ItemService", {
    Name: "Snow Plowing",
    SalesOrPurchase: { Price: "620.00", AccountRef: { FullName: "Service Income" } },
  });
  company.addInvoice({
    CustomerRef: { ListID: customer.id },
    TxnDate: "2024-05-01",
    RefNumber: "QB-1",
    InvoiceLineRet: [{ ItemRef: { ListID: item.id }, Quantity: "2" }],
  });
}
