import { setTimeout as wait } from "node:timers/promises";
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { openDatabase } from "@/db";
import {
  describeFault,
  formatCounts,
  formatSessionLog,
  loadCompany,
  overlapCompany,
  parseSessionFault,
  saveCompany,
  SimulatedCompany,
  SimulatedWebConnector,
  type SessionFault,
  type SessionLog,
  type SessionOutcome,
} from "./simulator";
import { findSchemaDir, schemaValidator } from "./simulator/schema";

// npm run simulate -- --url http://localhost:3000/qbwc --user office-pc --password '…' [options]
// Plays QuickBooks Desktop and the Web Connector against a running Ledgerbridge. No top-level await:
// package.json has no "type": "module", so tsx runs this file as CommonJS.

const USAGE = `Usage: npm run simulate -- [options]

  --url URL            the Web Connector endpoint (default http://localhost:3000/qbwc)
  --user NAME          the Web Connector user name (default $QBWC_USERNAME)
  --password TEXT      its password (default $QBWC_PASSWORD)
  --customers N        customers in a new company (default 25); also --jobs, --vendors, --items,
                       --invoices, --payments (defaults 0, 5, 34, 40, 20) and --seed N; 34 items hold
                       every demo service once, the category Landscaping and its sub-items among them
  --overlap-with DB    a new company holding the same business as this Ledgerbridge database before
                       Ledgerbridge: all its payment methods and terms, every second customer, vendor
                       and item (some changed), a third of the invoices with their payments, and
                       records only in QuickBooks (e.g. --overlap-with data/ledgerbridge.db)
  --state FILE         load the company from FILE if it exists and save it back afterwards, so
                       consecutive runs see the same QuickBooks
  --runs N             sessions to run one after another (default 1)
  --pause SECONDS      wait between sessions (a session left open counts as busy for a minute)
  --fault NAME[:N]     make the first session go wrong; repeatable:
                         lost-response[:exchange]  QuickBooks applies a request, the response is lost
                         abandon[:exchanges]       QBWC stops without closeConnection
                         qb-not-running            QuickBooks cannot be started (connectionError)
                         slow[:ms]                 QuickBooks takes this long per request
                         parse-error[:exchange]    QuickBooks cannot parse a request (0x80040400)
                         in-use[:count]            the next Adds/Mods fail with 3180
  --no-validate        do not check requests against the qbXML 13.0 schema (checked when found)
  --schema DIR         where qbxmlops130.xsd is (default ../shared/reference/qbxml/13.0)
  --noop-delay MS      how long to wait after a NoOp (default 5000, as QBWC)
  --help               this text

Exit status: 0 when every session ended as expected, 1 when one did not, 2 when the server could not
be reached or refused the credentials.`;

/** Sessions that end like this are what a fault asked for, not a failure. */
const EXPECTED_WITH_FAULT: Record<SessionFault["kind"], readonly SessionOutcome[]> = {
  "lost-response": ["lost-response"],
  abandon: ["abandoned"],
  "qb-not-running": ["connection-error"],
  slow: [],
  "parse-error": ["failed"],
  "in-use": ["failed"],
};

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      url: { type: "string", default: "http://localhost:3000/qbwc" },
      user: { type: "string" },
      password: { type: "string" },
      customers: { type: "string" },
      jobs: { type: "string" },
      vendors: { type: "string" },
      items: { type: "string" },
      invoices: { type: "string" },
      payments: { type: "string" },
      seed: { type: "string" },
      state: { type: "string" },
      "overlap-with": { type: "string" },
      runs: { type: "string" },
      pause: { type: "string" },
      fault: { type: "string", multiple: true },
      "no-validate": { type: "boolean" },
      schema: { type: "string" },
      "noop-delay": { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const username = values.user ?? process.env.QBWC_USERNAME;
  const password = values.password ?? process.env.QBWC_PASSWORD;
  if (!username || !password) {
    console.error("Give the Web Connector user name and password (--user, --password, or QBWC_USERNAME/QBWC_PASSWORD).\n");
    console.error(USAGE);
    return 2;
  }
  const faults = (values.fault ?? []).map(parseSessionFault);
  const runs = count(values.runs, 1, "--runs");

  const { company, source } = await openCompany(values);
  console.log(`QuickBooks (simulated): ${company.info.companyName}, ${source}`);
  console.log(`  ${formatCounts(company.stats().counts)}`);

  const schemaDir = values["no-validate"] ? null : findSchemaDir(values.schema);
  if (values.schema && !schemaDir) console.error(`No qbxmlops130.xsd in ${values.schema}; requests are not checked against the schema.`);
  console.log(
    schemaDir ? `  Requests are checked against the qbXML 13.0 schema in ${schemaDir}.` : "  Requests are not checked against the schema.",
  );
  for (const fault of faults) console.log(`  First session: ${describeFault(fault)}.`);

  let status = 0;
  for (let run = 1; run <= runs; run++) {
    if (run > 1 && values.pause) await wait(count(values.pause, 0, "--pause") * 1000);
    const sessionFaults = run === 1 ? faults : [];
    const connector = new SimulatedWebConnector({
      url: values.url!,
      username,
      password,
      company,
      faults: sessionFaults,
      noOpDelayMs: values["noop-delay"] === undefined ? undefined : count(values["noop-delay"], 0, "--noop-delay"),
      validateRequest: schemaDir ? schemaValidator(schemaDir) : undefined,
    });
    const log = await connector.run();
    console.log(`\n${formatSessionLog(log, `Session ${run} of ${runs}`)}`);
    const verdict = judge(log, sessionFaults);
    if (verdict.stop) {
      console.error(`\n${verdict.message}`);
      status = 2;
      break;
    }
    if (verdict.message) {
      console.error(`  ${verdict.message}`);
      status = 1;
    }
  }

  if (values.state) {
    saveCompany(company, values.state);
    console.log(`\nSaved the company to ${values.state}; the next run with --state ${values.state} continues from here.`);
  }
  return status;
}

async function openCompany(
  values: Record<string, string | boolean | string[] | undefined>,
): Promise<{ company: SimulatedCompany; source: string }> {
  const file = values.state as string | undefined;
  const loaded = file ? loadCompany(file) : null;
  if (loaded) return { company: loaded, source: `loaded from ${file}` };
  const overlapWith = values["overlap-with"] as string | undefined;
  if (overlapWith) {
    if (!existsSync(overlapWith)) throw new Error(`--overlap-with: there is no database at ${overlapWith}.`);
    const { company, summary } = await overlapCompany(openDatabase(`file:${overlapWith}`));
    const shared = Object.entries(summary.shared)
      .map(([kind, n]) => `${n} ${kind}`)
      .join(", ");
    const only = Object.entries(summary.onlyInQuickBooks)
      .map(([kind, n]) => `${n} ${kind}`)
      .join(", ");
    return {
      company,
      source: `the same business as ${overlapWith} before Ledgerbridge: shared ${shared} (${summary.changed} changed in QuickBooks, ${summary.otherCase} spelt in capitals); only in QuickBooks ${only}; ${summary.numberClashes} invoice numbered like another customer's here; ${summary.creditMemos} customers with a credit memo only in QuickBooks`,
    };
  }
  const company = SimulatedCompany.seed(
    {
      customers: count(values.customers, 25, "--customers"),
      jobs: count(values.jobs, 0, "--jobs"),
      vendors: count(values.vendors, 5, "--vendors"),
      items: count(values.items, 34, "--items"),
      invoices: count(values.invoices, 40, "--invoices"),
      payments: count(values.payments, 20, "--payments"),
    },
    { seed: count(values.seed, 1, "--seed") },
  );
  return { company, source: file ? `new (seeded; ${file} does not exist yet)` : "new (seeded)" };
}

/** Whether a session ended as it should have, and what to tell the user when it did not. */
function judge(log: SessionLog, faults: readonly SessionFault[]): { message?: string; stop?: boolean } {
  switch (log.outcome) {
    case "unreachable":
      return { stop: true, message: `${log.error}\nStart Ledgerbridge (npm run dev or npm start) or pass the right --url.` };
    case "not-valid-user":
      return { stop: true, message: "nvu: check QBWC_USERNAME/QBWC_PASSWORD or the Web Connector settings." };
    case "completed":
    case "nothing-to-do":
      return {};
    case "busy":
      return { message: "The server is still holding an earlier session; it gives way after a minute of silence (try --pause 61)." };
    default: {
      const expected = faults.some((fault) => EXPECTED_WITH_FAULT[fault.kind].includes(log.outcome));
      return expected ? {} : { message: `The session did not complete: ${log.outcome}.` };
    }
  }
}

function count(text: unknown, fallback: number, option: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${option} needs a whole number, not "${String(text)}".`);
  return value;
}

main().then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  },
);
