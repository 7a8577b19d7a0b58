import { z } from "zod";

/** Configuration read once from the environment, with defaults that make a first run work. */
export type Env = z.infer<typeof envSchema>;

const envSchema = z
  .object({
    DATABASE_URL: z.string().min(1).default("file:./data/ledgerbridge.db"),
    DATABASE_AUTH_TOKEN: z.string().optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    ADMIN_EMAIL: z.string().email().optional(),
    ADMIN_PASSWORD: z.string().min(10, "ADMIN_PASSWORD must be at least 10 characters").optional(),
    AUTH_SECRET: z.string().min(16, "AUTH_SECRET must be at least 16 characters").optional(),
    PUBLIC_URL: z.string().url("PUBLIC_URL must be a full URL such as https://sync.example.com").optional(),
    BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(12),
    /** The Web Connector's user name and password, stored (hashed) at start while none are stored. */
    QBWC_USERNAME: z.string().trim().min(1).max(100, "QBWC_USERNAME must be at most 100 characters").optional(),
    QBWC_PASSWORD: z.string().min(10, "QBWC_PASSWORD must be at least 10 characters").max(200).optional(),
    /** A Web Connector session with no call for this long is over; QBWC must start a new one. */
    QBWC_SESSION_IDLE_MINUTES: z.coerce.number().int().min(2).max(1440).default(30),
    /** Larger SOAP requests are refused before parsing (QuickBooks responses are rarely above a few MB). */
    QBWC_MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(20 * 1024 * 1024),
  })
  .refine((value) => (value.QBWC_USERNAME === undefined) === (value.QBWC_PASSWORD === undefined), {
    message: "Set both QBWC_USERNAME and QBWC_PASSWORD, or neither",
    path: ["QBWC_PASSWORD"],
  });

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const blankAsUnset = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = envSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration: ${problems.join("; ")}`);
  }
  cached = parsed.data;
  return cached;
}
