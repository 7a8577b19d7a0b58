import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export { findSchemaDir, schemaValidator };

const TOP = "qbxmlops130.xsd";
const INCLUDED = ["qbxmltypes130.xsd", "qbxml130.xsd", "qbxmlso130.xsd"];

/** The qbXML 13.0 schema folder: the one given, else shared/reference beside the repository, if there. */
function findSchemaDir(given?: string): string | null {
  const candidates = given ? [given] : [path.resolve(__dirname, "..", "..", "..", "shared", "reference", "qbxml", "13.0")];
  return candidates.find((dir) => existsSync(path.join(dir, TOP))) ?? null;
}

/**
 * Validates each request against the schema before QuickBooks sees it, as QuickBooks' own parser would
 * (xmllint-wasm; each call compiles the schema, about a third of a second).
 */
function schemaValidator(dir: string): (xml: string) => Promise<string[]> {
  const file = (name: string) => ({ fileName: name, contents: readFileSync(path.join(dir, name), "utf8") });
  const schema = [file(TOP)];
  const preload = INCLUDED.map(file);
  return async (xml) => {
    const { validateXML } = await import("xmllint-wasm");
    const result = await validateXML({ xml: [{ fileName: "request.xml", contents: xml }], schema, preload });
    return result.valid ? [] : result.errors.map((error) => error.rawMessage);
  };
}
