import { db } from "@/db";
import { prepareDatabase } from "@/server/bootstrap";
import { env } from "@/server/env";

async function main() {
  await prepareDatabase(db());
  console.log(`Database at ${env().DATABASE_URL} is up to date.`);
}

main().catch((error: unknown) => {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
