import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { openDatabase, type Database } from "@/db";
import { createUser } from "@/server/auth/users";
import { contactInput, createContact } from "@/server/records/contacts";
import { startAppServer, type AppServer } from "./app-server";

// Measure 8: what live updates cost the server. Every open page polls /api/live once a second; a change anywhere
// shows once a poll sees the version move. Played here by plain HTTP clients with a signed-in session cookie,
// each on its own one-second cycle, started at random phases as browsers opened over time would be.

export type Report = (measure: string, value: string, target: string, met: boolean) => void;

const BROWSERS = [20, 200] as const;
const POLL_MS = 1_000;
const WATCH_MS = 15_000;
const PERSON = { email: "bench-live@example.com", name: "Bench Live", password: "a long bench passphrase", role: "admin" as const };
// Linux reports process CPU time in clock ticks of 1/100 s.
const TICKS_PER_SECOND = 100;

export async function measureLiveUpdates(report: Report): Promise<void> {
  console.log(`\n[8] Live updates: open pages polling /api/live every ${POLL_MS / 1000} s against the production server`);
  const app = await startAppServer({ BCRYPT_COST: "4" });
  const db = openDatabase(app.databaseUrl);
  try {
    await createUser(db, PERSON);
    const cookie = await signIn(app.url);
    for (const browsers of BROWSERS) {
      const watch = await watchers(app, cookie, browsers, db);
      console.log(
        `  ${String(browsers).padStart(3)} open pages: ${watch.requestsPerSecond.toFixed(0)} polls/s, server CPU ${(watch.cpuShare * 100).toFixed(1)}% of one core ` +
          `(${watch.cpuPerPollMs.toFixed(2)} ms per poll), poll answered in ${watch.latency.median.toFixed(1)} ms median (p95 ${watch.latency.p95.toFixed(1)}), ` +
          `a change seen by every page within ${(watch.propagationMs / 1000).toFixed(2)} s`,
      );
      if (browsers === 200) {
        // Polling costs each visible page its requests; the database is read a few times a second however many watch.
        report(
          "8. 200 open pages watching: polls/s, server CPU",
          `${watch.requestsPerSecond.toFixed(0)}/s, ${(watch.cpuShare * 100).toFixed(1)}% of a core, ${watch.cpuPerPollMs.toFixed(2)} ms a poll`,
          "(reported)",
          true,
        );
        report("8. A change seen by all 200 pages", `${(watch.propagationMs / 1000).toFixed(2)} s`, "<= 2 s", watch.propagationMs <= 2_000);
      }
    }
  } finally {
    db.$client.close();
    await app.stop();
  }
}

/** Signs in through next-auth's credentials endpoint as the sign-in page does, returning the session cookie. */
async function signIn(baseUrl: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = cookiesOf(csrf);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email: PERSON.email, password: PERSON.password, json: "true" }),
  });
  const session = cookiesOf(response)
    .split("; ")
    .find((pair) => pair.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`Signing in for the live-updates measure failed (${response.status}).`);
  return session;
}

function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0]!)
    .join("; ");
}

interface WatchResult {
  requestsPerSecond: number;
  cpuShare: number;
  cpuPerPollMs: number;
  latency: { median: number; p95: number };
  propagationMs: number;
}

/**
 * `count` pages polling for WATCH_MS; halfway through, another instance adds a customer, and each page notes when
 * its poll first saw the version move.
 */
async function watchers(app: AppServer, cookie: string, count: number, db: Database): Promise<WatchResult> {
  const baseUrl = app.url;
  const latencies: number[] = [];
  let polls = 0;
  // When another instance wrote; the pages read it, so it is a field and not a variable assigned once.
  const change: { at?: number } = {};
  const seenAt: (number | undefined)[] = Array(count).fill(undefined);
  const stopAt = performance.now() + WATCH_MS;

  async function page(index: number) {
    await sleep(Math.random() * POLL_MS);
    let first: number | undefined;
    while (performance.now() < stopAt) {
      const started = performance.now();
      const response = await fetch(`${baseUrl}/api/live`, { headers: { cookie } });
      if (!response.ok) throw new Error(`/api/live answered ${response.status}`);
      const { version } = (await response.json()) as { version: number };
      const answered = performance.now();
      latencies.push(answered - started);
      polls += 1;
      first ??= version;
      if (change.at !== undefined && version !== first && seenAt[index] === undefined) seenAt[index] = answered;
      await sleep(Math.max(0, POLL_MS - (answered - started)));
    }
  }

  const cpuBefore = cpuTicks(app.pid);
  const started = performance.now();
  const pages = Array.from({ length: count }, (_, index) => page(index));
  await sleep(WATCH_MS / 2);
  change.at = performance.now();
  await createContact(db, "customer", contactInput.parse({ name: `Walk-in ${count}` }), null);
  await Promise.all(pages);
  const elapsed = performance.now() - started;
  const cpuSeconds = (cpuTicks(app.pid) - cpuBefore) / TICKS_PER_SECOND;
  const sorted = [...latencies].sort((a, b) => a - b);
  const missed = seenAt.filter((at) => at === undefined).length;
  if (missed > 0) throw new Error(`${missed} of ${count} pages never saw the change.`);
  return {
    requestsPerSecond: polls / (elapsed / 1000),
    cpuShare: cpuSeconds / (elapsed / 1000),
    cpuPerPollMs: (cpuSeconds * 1000) / polls,
    latency: { median: sorted[Math.floor(sorted.length / 2)]!, p95: sorted[Math.ceil(sorted.length * 0.95) - 1]! },
    propagationMs: Math.max(...seenAt.map((at) => at! - change.at!)),
  };
}

/** User plus system CPU time of a process, in clock ticks. */
function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // After the command name: state is field 3, utime field 14, stime field 15 (1-based over the whole line).
  return Number(fields[11]) + Number(fields[12]);
}
