import { describe, expect, it } from "vitest";
import { formatAmount, formatPrice, formatQuantity, parseAmount, QbxmlFieldError, toQuickBooksText } from "@/server/qbxml";

function fieldError(run: () => unknown): QbxmlFieldError {
  try {
    run();
  } catch (error) {
    if (error instanceof QbxmlFieldError) return error;
    throw error;
  }
  throw new Error("expected a QbxmlFieldError");
}

describe("the QuickBooks character rule", () => {
  it("keeps Windows-1252 text as it is, including accents, the euro sign, curly quotes and dashes", () => {
    const text = "Café Müller – “Brötchen” €5 ½ kg Œuvre™\ttab\r\nnew line";
    expect(toQuickBooksText(text)).toBe(text);
  });

  it("composes decomposed accents first (NFC), so é typed as e + combining accent stays é", () => {
    expect(toQuickBooksText("Cafe\u0301")).toBe("Café");
  });

  it("folds characters outside Windows-1252 that have a plain form: ő to o, ﬁ to fi, full-width letters to ASCII", () => {
    expect(toQuickBooksText("Erdős")).toBe("Erdos");
    expect(toQuickBooksText("ﬁne ﬂour")).toBe("fine flour");
    expect(toQuickBooksText("Ｂａｋｅｒｙ")).toBe("Bakery");
  });

  it("refuses an emoji, naming the field and the character", () => {
    const error = fieldError(() => toQuickBooksText("Bakery 🍞", "CustomerAdd.Name"));
    expect(error.field).toBe("CustomerAdd.Name");
    expect(error.character).toBe("🍞");
    expect(error.message).toContain("CustomerAdd.Name");
    expect(error.message).toContain('"🍞" (U+1F35E)');
  });

  it("refuses Chinese, Japanese and Korean characters", () => {
    expect(fieldError(() => toQuickBooksText("面包店", "VendorAdd.Name")).message).toContain('"面" (U+9762)');
  });

  it("refuses a letter with no plain form instead of dropping it (ł has no decomposition)", () => {
    expect(fieldError(() => toQuickBooksText("Łódź", "CustomerAdd.City")).character).toBe("Ł");
  });

  it("refuses control characters other than tab, newline and carriage return", () => {
    const error = fieldError(() => toQuickBooksText("bell\u0007", "InvoiceAdd.Memo"));
    expect(error.message).toContain("invisible character U+0007");
  });
});

describe("amounts, prices and quantities", () => {
  it("writes amounts from whole cents with exactly two decimals", () => {
    expect(formatAmount(1050)).toBe("10.50");
    expect(formatAmount(-300)).toBe("-3.00");
    expect(formatAmount(5)).toBe("0.05");
    expect(formatAmount(0)).toBe("0.00");
    expect(formatAmount(-0)).toBe("0.00");
    expect(formatAmount(999_999_999_999_999)).toBe("9999999999999.99");
  });

  it("refuses an amount that is not whole cents or is too large, instead of rounding it", () => {
    expect(fieldError(() => formatAmount(10.5, "InvoiceAdd.InvoiceLineAdd[0].Amount")).message).toMatch(
      /^InvoiceAdd\.InvoiceLineAdd\[0\]\.Amount is 10\.5; amounts are whole cents/,
    );
    expect(() => formatAmount(1e15)).toThrow(QbxmlFieldError);
    expect(() => formatAmount(Number.NaN)).toThrow(QbxmlFieldError);
  });

  it("writes prices in cents with at least two decimals and up to five", () => {
    expect(formatPrice(750)).toBe("7.50");
    expect(formatPrice(6500)).toBe("65.00");
    expect(formatPrice(712.5)).toBe("7.125");
    expect(formatPrice(0.001)).toBe("0.00001");
    expect(formatPrice(-25)).toBe("-0.25");
    expect(() => formatPrice(0.0001)).toThrow(QbxmlFieldError);
  });

  it("writes quantities with up to five decimals and no float noise", () => {
    expect(formatQuantity(24)).toBe("24");
    expect(formatQuantity(2.5)).toBe("2.5");
    expect(formatQuantity(0.12345)).toBe("0.12345");
    expect(formatQuantity(-1)).toBe("-1");
    expect(() => formatQuantity(0.123456)).toThrow(QbxmlFieldError);
    expect(() => formatQuantity(0.1 + 0.2)).toThrow(/at most 5 decimals/);
  });

  it("reads amounts into exact cents from the decimal text", () => {
    expect(parseAmount("0.29", "Amount")).toBe(29); // 0.29 * 100 is 28.999999999999996 in floating point
    expect(parseAmount("375.00", "Amount")).toBe(37500);
    expect(parseAmount("-3.00", "Amount")).toBe(-300);
    expect(parseAmount("10.5", "Amount")).toBe(1050);
    expect(parseAmount(" 12 ", "Amount")).toBe(1200);
    expect(parseAmount("1234567890123.45", "Amount")).toBe(123456789012345);
  });
});
