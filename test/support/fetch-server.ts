import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface FetchServer {
  url: string;
  close: () => Promise<void>;
}

/**
 * Serves a fetch-style handler (Request → Response), the shape of a Next.js route handler, on a free
 * loopback port, so tests speak real HTTP to it without building the app.
 */
export async function serveFetchHandler(handler: (request: Request) => Promise<Response>): Promise<FetchServer> {
  const server = createServer(async (incoming, outgoing) => {
    try {
      const response = await handler(toRequest(incoming));
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      outgoing.writeHead(599, { "Content-Type": "text/plain" });
      outgoing.end(`The handler threw: ${String(error)}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function toRequest(incoming: IncomingMessage): Request {
  const headers = new Headers();
  for (let i = 0; i < incoming.rawHeaders.length; i += 2) headers.append(incoming.rawHeaders[i]!, incoming.rawHeaders[i + 1]!);
  const hasBody = incoming.method !== "GET" && incoming.method !== "HEAD";
  return new Request(`http://${incoming.headers.host}${incoming.url}`, {
    method: incoming.method,
    headers,
    body: hasBody ? bodyOf(incoming) : undefined,
    duplex: "half",
  } as RequestInit);
}

/** The request body as a web stream; a handler that stops reading leaves the rest to be drained, not reset. */
function bodyOf(incoming: IncomingMessage): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      incoming.on("data", (chunk: Buffer) => controller.enqueue(new Uint8Array(chunk)));
      incoming.on("end", () => controller.close());
      incoming.on("error", (error) => controller.error(error));
    },
    cancel() {
      for (const event of ["data", "end", "error"]) incoming.removeAllListeners(event);
      incoming.resume();
    },
  });
}
