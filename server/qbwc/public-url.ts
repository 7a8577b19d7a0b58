import { isIP } from "node:net";
import { AppError } from "@/server/errors";

/**
 * Why QBWC would refuse this URL as AppURL/AppSupport, as a sentence saying how to fix it, or null when it is
 * fine. QBWC accepts https:// only, plain http only for localhost, and never an IP address (qbwc.md).
 */
export function webConnectorUrlProblem(url: URL): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return `The public URL must start with https:// (it starts with ${url.protocol}//).`;
  }
  if (url.username || url.password) return "Leave the user name and password out of the public URL.";
  if (isIP(host)) {
    return `The Web Connector does not accept an IP address (${host}) in the URL. Use a host name such as https://sync.example.com, or http://localhost on the QuickBooks computer itself.`;
  }
  if (url.protocol === "http:" && host !== "localhost") {
    return `The Web Connector only accepts https:// addresses, except http://localhost for testing. Serve Ledgerbridge over HTTPS and use https://${url.host}${url.pathname === "/" ? "" : url.pathname}.`;
  }
  return null;
}

/** A public URL as stored: no trailing slash, query or fragment, so paths can be appended. */
export function normalizePublicUrl(raw: string): string {
  const url = parseUrl(raw);
  return `${url.origin}${withoutTrailingSlashes(url.pathname)}`;
}

// A loop, not /\/+$/: that pattern retries from every slash of a long run of them, in time that grows with its square.
function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === "/") end--;
  return path.slice(0, end);
}

/** Parses and checks a public URL for the Web Connector, or throws an AppError saying what to change. */
export function checkedPublicUrl(raw: string): string {
  const problem = webConnectorUrlProblem(parseUrl(raw));
  if (problem) throw new AppError("BAD_INPUT", problem, { field: "publicUrl" });
  return normalizePublicUrl(raw);
}

/** This server's base URL as the request reached it (through a proxy, if any), for when no public URL is set. */
export function requestBaseUrl(url: URL, header: (name: string) => string | null | undefined): string {
  const first = (name: string) => header(name)?.split(",")[0]?.trim() || undefined;
  const proto = first("x-forwarded-proto") ?? url.protocol.slice(0, -1);
  const host = first("x-forwarded-host") ?? first("host") ?? url.host;
  try {
    return new URL(`${proto === "https" ? "https" : "http"}://${host}`).origin;
  } catch {
    // A Host header that is no host keeps the address the request came in on.
    return url.origin;
  }
}

function parseUrl(raw: string): URL {
  try {
    return new URL(raw.trim());
  } catch {
    throw new AppError("BAD_INPUT", "Enter the public URL as a full address, such as https://sync.example.com.", {
      field: "publicUrl",
    });
  }
}
