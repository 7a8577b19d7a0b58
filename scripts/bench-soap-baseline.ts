import { createServer, type ServerResponse } from "node:http";
import { listen } from "soap";
import { serverTiming } from "@/server/qbwc/http";
import { PORT_NAME, QBWC_METHODS, qbwcWsdl, SERVICE_NAME, type QbwcMethod } from "@/server/qbwc/wsdl";

// The baseline of measure 7, run as a process of its own (as the server it is compared with runs): node-soap serving
// our WSDL with canned answers and no database, what a Web Connector server costs with nothing behind it. It reports
// its own time per call in a Server-Timing header, measured as Ledgerbridge measures its own (from the request to
// the answer), and tells its parent the port it listens on.

/** The request it hands out: one cheap query, so QuickBooks' answer is small. */
export const CANNED_REQUEST =
  '<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="continueOnError"><HostQueryRq requestID="1"/></QBXMLMsgsRq></QBXML>';

export const CANNED_RESULTS: Record<QbwcMethod, unknown> = {
  serverVersion: "",
  clientVersion: "",
  authenticate: { string: ["00000000-0000-4000-8000-000000000000", ""] },
  sendRequestXML: CANNED_REQUEST,
  receiveResponseXML: 100,
  connectionError: "done",
  getLastError: "",
  closeConnection: "OK",
};

function serveBaseline() {
  const server = createServer((_request, response) => {
    // node-soap answers the requests it owns; anything else reaching here is not a SOAP call.
    response.statusCode = 404;
    response.end();
  });
  // Timed from the request event to node-soap's first write, when the header can still be set.
  const emit = server.emit.bind(server);
  server.emit = ((event: string, ...args: unknown[]) => {
    if (event === "request") {
      const started = performance.now();
      const response = args[1] as ServerResponse;
      const stamp = () => {
        if (!response.headersSent) response.setHeader("Server-Timing", serverTiming(performance.now() - started));
      };
      const write = response.write.bind(response) as (...rest: unknown[]) => boolean;
      const end = response.end.bind(response) as (...rest: unknown[]) => ServerResponse;
      response.write = ((...rest: unknown[]) => (stamp(), write(...rest))) as typeof response.write;
      response.end = ((...rest: unknown[]) => (stamp(), end(...rest))) as typeof response.end;
    }
    return emit(event, ...args);
  }) as typeof server.emit;
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const url = `http://127.0.0.1:${port}`;
    const methods = Object.fromEntries(QBWC_METHODS.map((method) => [method, () => ({ [`${method}Result`]: CANNED_RESULTS[method] })]));
    listen(server, { path: "/qbwc", services: { [SERVICE_NAME]: { [PORT_NAME]: methods } }, xml: qbwcWsdl(`${url}/qbwc`) });
    process.send?.({ url });
  });
  process.on("disconnect", () => process.exit(0));
}

// Run as a child of the benchmark (scripts/bench-web-connector.ts forks this file); importing it starts nothing.
if (require.main === module) serveBaseline();
