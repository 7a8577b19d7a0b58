export { QbxmlFieldError, QbxmlParseError };

interface FieldErrorDetail {
  readonly limit?: number;
  readonly actual?: number;
  readonly character?: string;
}

/**
 * A value the codec refuses to send to QuickBooks. `field` is the path in the request
 * ("CustomerAdd.Name", "InvoiceAdd.InvoiceLineAdd[1].Desc"); the message says what to change.
 */
class QbxmlFieldError extends Error {
  override readonly name = "QbxmlFieldError";
  readonly field: string;
  readonly limit: number | undefined;
  readonly actual: number | undefined;
  readonly character: string | undefined;

  constructor(field: string, problem: string, detail: FieldErrorDetail = {}) {
    super(`${field} ${problem}`);
    this.field = field;
    this.limit = detail.limit;
    this.actual = detail.actual;
    this.character = detail.character;
  }
}

/** A QuickBooks response that cannot be read; the message is meant for a person, not a log parser. */
class QbxmlParseError extends Error {
  override readonly name = "QbxmlParseError";
}
