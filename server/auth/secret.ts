import { randomBytes } from "node:crypto";
import type { Database } from "@/db";
import { env } from "@/server/env";
import { claimSetting } from "@/server/settings";

let secret: Promise<string> | undefined;

/**
 * AUTH_SECRET when set; otherwise one generated on first start and kept in the database, so no manual
 * step is needed and every instance on the same database signs sessions with the same key.
 */
export function authSecret(db: Database): Promise<string> {
  secret ??= (async () => env().AUTH_SECRET ?? claimSetting(db, "auth.secret", randomBytes(32).toString("base64url")))();
  return secret;
}
