import "server-only";

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadEnvConfig } from "@next/env";
import next from "next";
import { openDatabase } from "@/db";
import { STARTED_UP, startUp } from "@/server/bootstrap";
import { env } from "@/server/env";
import { isQbwcRequest, serveQbwcNode } from "@/server/qbwc/http";
import { syncEngine } from "@/server/sync/engine";

// The production server `npm start` runs (scripts/start.mjs bundles this file into .next/ledgerbridge/server.cjs).
// A plain Node HTTP server answers the Web Connector at /qbwc itself, so its SOAP calls skip Next's router; every
// other request goes to Next's request handler. `--hostname H` (or -H) binds one interface; PORT picks the port.

// The project folder, from where the bundle lives (.next/ledgerbridge/), whatever folder it is started from.
const ROOT = path.resolve(__dirname, "..", "..");

async function main() {
  process.chdir(ROOT);
  // Next loads .env files when it prepares; the start-up below runs first and must see them too.
  loadEnvConfig(ROOT, false);
  const { values } = parseArgs({ options: { hostname: { type: "string", short: "H" } }, strict: false });
  const hostname = typeof values.hostname === "string" ? values.hostname : undefined;

  // Migrations, the session secret, the env admin and Web Connector credentials, on this bundle's own client (db()
  // would be Next's, a different drizzle copy). A database that cannot be opened ends the process here, in one line.
  const database = await startUp(() => openDatabase(env().DATABASE_URL, env().DATABASE_AUTH_TOKEN));
  const port = env().PORT;

  // Next would run instrumentation.ts as it prepares: the same start-up, done already, so it is told to skip it.
  process.env[STARTED_UP] = "1";
  const app = next({ dev: false, dir: ROOT, hostname: hostname ?? "localhost", port });
  await app.prepare();
  const handleWithNext = app.getRequestHandler();

  const server = createServer((request, response) => {
    if (isQbwcRequest(request)) void answerQbwc(request, response);
    else void handleWithNext(request, response);
  });

  async function answerQbwc(request: IncomingMessage, response: ServerResponse) {
    try {
      await serveQbwcNode(database, request, response, { engine: syncEngine });
    } catch (error) {
      // serveQbwcNode turns every failure into a SOAP fault; this is for a connection that broke while answering.
      console.error("The Web Connector endpoint failed:", error);
      if (!response.headersSent) response.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      response.end();
    }
  }

  server.on("error", (error: NodeJS.ErrnoException) => {
    console.error(`Ledgerbridge cannot listen on ${hostname ?? "every interface"}, port ${port}: ${error.message}`);
    process.exit(1);
  });
  server.listen(port, hostname, () => console.log(`Ledgerbridge is serving on http://${hostname ?? "localhost"}:${port}`));

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close();
    server.closeAllConnections();
    void Promise.allSettled([app.close(), Promise.resolve(database.$client.close())]).then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error("Ledgerbridge cannot start:", error);
  process.exit(1);
});
