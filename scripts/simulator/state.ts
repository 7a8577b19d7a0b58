import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { SimulatedCompany, type CompanyOptions, type CompanySnapshot } from "./company";

export { loadCompany, saveCompany };

/** The company saved at `file`, or null when there is no such file yet. */
function loadCompany(file: string, options: Pick<CompanyOptions, "now"> = {}): SimulatedCompany | null {
  if (!existsSync(file)) return null;
  let snapshot: CompanySnapshot;
  try {
    snapshot = JSON.parse(readFileSync(file, "utf8")) as CompanySnapshot;
  } catch (error) {
    throw new Error(`${file} is not a saved simulator company (${error instanceof Error ? error.message : String(error)}).`);
  }
  return SimulatedCompany.fromJSON(snapshot, options);
}

/** Writes the company to `file` through a temporary file, so an interrupted save keeps the old one. */
function saveCompany(company: SimulatedCompany, file: string): void {
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, JSON.stringify(company));
  renameSync(temporary, file);
}
