import type { Cents, PriceCents } from "./money";

export type {
  Cents,
  PriceCents,
  QbDate,
  QbDateTime,
  RefInput,
  AddressInput,
  ActiveStatus,
  MatchCriterion,
  AccountType,
  PaymentMethodType,
  OnError,
  RequestOptions,
  IteratorOptions,
  QbxmlRequest,
};

/** "YYYY-MM-DD" (DATETYPE). */
type QbDate = string;

/**
 * "YYYY-MM-DDThh:mm:ss" with an optional "±hh:mm" (DATETIMETYPE). Passed through unchanged: keep
 * the TimeModified string QuickBooks returned, since a value without offset is read as local time
 * on the QuickBooks PC.
 */
type QbDateTime = string;

/** A reference to a list element: by ListID or by FullName, never both. */
type RefInput = { readonly listId: string; readonly fullName?: undefined } | { readonly fullName: string; readonly listId?: undefined };

interface AddressInput {
  readonly addr1?: string;
  readonly addr2?: string;
  readonly addr3?: string;
  readonly addr4?: string;
  readonly addr5?: string;
  readonly city?: string;
  readonly state?: string;
  readonly postalCode?: string;
  readonly country?: string;
  readonly note?: string;
}

type ActiveStatus = "ActiveOnly" | "InactiveOnly" | "All";
type MatchCriterion = "StartsWith" | "Contains" | "EndsWith";

type AccountType =
  | "AccountsPayable"
  | "AccountsReceivable"
  | "Bank"
  | "CostOfGoodsSold"
  | "CreditCard"
  | "Equity"
  | "Expense"
  | "FixedAsset"
  | "Income"
  | "LongTermLiability"
  | "NonPosting"
  | "OtherAsset"
  | "OtherCurrentAsset"
  | "OtherCurrentLiability"
  | "OtherExpense"
  | "OtherIncome";

type PaymentMethodType =
  | "AmericanExpress"
  | "Cash"
  | "Check"
  | "DebitCard"
  | "Discover"
  | "ECheck"
  | "GiftCard"
  | "MasterCard"
  | "Other"
  | "OtherCreditCard"
  | "Visa";

/** rollbackOnError is in the schema but QuickBooks Desktop is not known to honour it. */
type OnError = "continueOnError" | "stopOnError";

/** Options for a request type that takes no iterator in qbXML 13.0. */
interface RequestOptions {
  /** Echoed on the response; at most 50 characters. */
  readonly requestId?: string;
  readonly iterator?: never;
  readonly iteratorId?: never;
}

/** Options for the query types that accept an iterator in qbXML 13.0. */
type IteratorOptions =
  | { readonly requestId?: string; readonly iterator?: undefined; readonly iteratorId?: undefined }
  | { readonly requestId?: string; readonly iterator: "Start"; readonly iteratorId?: undefined }
  | { readonly requestId?: string; readonly iterator: "Continue" | "Stop"; readonly iteratorId: string };

declare const validated: unique symbol;

/** One validated *Rq element, made by a builder; put it in a document with buildQbxml. */
interface QbxmlRequest {
  /** The element name, e.g. "CustomerAddRq". */
  readonly type: string;
  readonly requestId: string | undefined;
  /** The serialised *Rq element. */
  readonly xml: string;
  readonly [validated]: true;
}
