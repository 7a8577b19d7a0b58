import { db } from "@/db";
import { prepareDatabase } from "@/server/bootstrap";
import { env } from "@/server/env";

await prepareDatabase(db());
console.log(`Database at ${env().DATABASE_URL} is up to date.`);
