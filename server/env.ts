import { z } from "zod";

/** Configuration read once from the environment, with defaults that make a first run work. */
export type Env = z.infer<typeof envSchema>;

const envSchema = z.object({
  DATABASE_URL: z.string().min(1).default("file:./data/ledgerbridge.db"),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(8, "ADMIN_PASSWORD must be at least 8 characters").optional(),
  AUTH_SECRET: z.string().min(16, "AUTH_SECRET must be at least 16 characters").optional(),
  PUBLIC_URL: z.string().url("PUBLIC_URL must be a full URL such as https://sync.example.com").optional(),
  BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(12),
});

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const blankAsUnset = Object.fromEntries(
    Object.entries(process.env).filter(([, value]) => value !== undefined && value !== ""),
  );
  const parsed = envSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration: ${problems.join("; ")}`);
  }
  cached = parsed.data;
  return cached;
}
