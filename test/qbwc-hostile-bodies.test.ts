import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { faultStringOf, postSoap, qbwcEnvelope } from "./support/qbwc-client";
import { QBWC_USERNAME, useQbwcEndpoint } from "./support/qbwc-endpoint";

// A stranger's body shaped to make a pattern try every start position must cost time in proportion to its length:
// the request is refused quickly and the server keeps answering everyone else meanwhile.
const MB = 1024 * 1024;
const qbwc = useQbwcEndpoint({ maxBodyBytes: 21 * MB });

/** Posts the hostile body and, while it is handled, asks for the WSDL as anyone else would; both timed. */
async function hostile(body: string) {
  const started = performance.now();
  const posted = postSoap(qbwc.url, body).then((reply) => ({ reply, ms: performance.now() - started }));
  await new Promise((resolve) => setTimeout(resolve, 20));
  const askedAt = performance.now();
  const other = await fetch(`${qbwc.url}?wsdl`);
  const otherMs = performance.now() - askedAt;
  expect(other.status).toBe(200);
  return { ...(await posted), otherMs };
}

describe("well-formed SOAP calls that are too large for what they are", () => {
  it("refuses 20 MB of QuickBooks 'response' for a session that is not open, without reading it", async () => {
    const response = `&lt;QBXML&gt;${"x".repeat(20 * MB)}&lt;/QBXML&gt;`;
    const { reply, ms, otherMs } = await hostile(
      qbwcEnvelope("receiveResponseXML", { ticket: "no-such-ticket", response, hresult: "", message: "" }),
    );
    expect(faultStringOf(reply)).toBe(
      "This large response is not for an open Web Connector session, so it was not read. Click Update Selected in the Web Connector to start one.",
    );
    expect(ms).toBeLessThan(5_000);
    expect(otherMs).toBeLessThan(5_000);
  });

  it("refuses a 20 MB authenticate, which is never that large", async () => {
    const { reply } = await hostile(qbwcEnvelope("authenticate", { strUserName: QBWC_USERNAME, strPassword: "p".repeat(20 * MB) }));
    expect(faultStringOf(reply)).toBe("The request is larger than any Web Connector authenticate sends, so it was not read.");
  });
});

describe("hostile SOAP bodies", () => {
  for (const [label, unit] of [
    ["<Body repeated without >", "<Body"],
    ["<soap:Body repeated without >", "<soap:Body "],
    ["an envelope whose Body never closes its tag", "<soap:Envelope><soap:Body "],
  ] as const) {
    for (const size of [1 * MB, 20 * MB]) {
      it(`refuses ${size / MB} MB of ${label} in time proportional to it, and keeps answering others`, async () => {
        const { reply, ms, otherMs } = await hostile(unit.repeat(Math.ceil(size / unit.length)));
        expect(reply.status).toBe(500);
        expect(reply.body).toContain("faultstring");
        // Seconds per 100 kB before; a pass over 20 MB takes well under this on a busy 2-core machine.
        expect(ms).toBeLessThan(5_000);
        expect(otherMs).toBeLessThan(5_000);
      });
    }
  }
});
