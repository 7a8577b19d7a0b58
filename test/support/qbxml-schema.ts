import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { validateXML } from "xmllint-wasm";

export type { NamedXml, SchemaVerdict };
export { REFERENCE_DIR, EXAMPLES_DIR, readExample, validateQbxml };

interface NamedXml {
  readonly name: string;
  readonly xml: string;
}

interface SchemaVerdict {
  readonly valid: boolean;
  readonly errors: readonly string[];
}

// shared/ sits beside the repository (in CI too), so resolve it from the repo root, never from /work.
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const REFERENCE_DIR = path.resolve(REPO_ROOT, "..", "shared", "reference");
const XSD_DIR = path.join(REFERENCE_DIR, "qbxml", "13.0");
const EXAMPLES_DIR = path.join(REFERENCE_DIR, "qbxml", "examples");

function readExample(fileName: string): string {
  return readFileSync(path.join(EXAMPLES_DIR, fileName), "utf8");
}

function xsd(fileName: string): { fileName: string; contents: string } {
  return { fileName, contents: readFileSync(path.join(XSD_DIR, fileName), "utf8") };
}

/**
 * Validates every document against qbxmlops130.xsd in one xmllint run (each run compiles the
 * 900 KB schema, about 0.35 s) and returns a verdict per document name.
 */
async function validateQbxml(documents: readonly NamedXml[]): Promise<ReadonlyMap<string, SchemaVerdict>> {
  const files = documents.map((document, index) => ({ fileName: `doc-${index}.xml`, contents: document.xml }));
  const result = await validateXML({
    xml: files,
    schema: [xsd("qbxmlops130.xsd")],
    // xmllint-wasm does no file I/O: the included XSDs go in under their schemaLocation names.
    preload: [xsd("qbxmltypes130.xsd"), xsd("qbxml130.xsd"), xsd("qbxmlso130.xsd")],
  });
  const lines = result.rawOutput.split("\n");
  return new Map(
    documents.map((document, index) => {
      const fileName = `doc-${index}.xml`;
      const verdict = {
        valid: lines.includes(`${fileName} validates`),
        errors: lines.filter((line) => line.startsWith(`${fileName}:`)).map((line) => line.slice(fileName.length + 1)),
      };
      return [document.name, verdict];
    }),
  );
}
