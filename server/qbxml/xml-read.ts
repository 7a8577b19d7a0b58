import { SaxesParser } from "saxes";
import { QbxmlParseError } from "./errors";
import { parseAmount, parsePrice, parseQuantity, type Cents, type PriceCents } from "./money";
import type { AddressValue, CustomField, RefValue } from "./records";

export type { XmlElement };
export {
  readXmlDocument,
  childElement,
  childElements,
  readString,
  readStrings,
  readBool,
  readInteger,
  readAmount,
  readPrice,
  readNumber,
  readRef,
  readAddress,
  readCustomFields,
};

/** A plain, read-only view of a parsed element; text is the concatenated text and CDATA children. */
interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  readonly text: string;
}

/**
 * The document element, or QbxmlParseError when the text is not XML. A streaming parser builds the plain tree
 * directly: a DOM (xmlbuilder2's parser) cost about 30 ms for a page of 50 records. A DOCTYPE is refused, as
 * QuickBooks never sends one and it is how entity expansion attacks begin.
 */
function readXmlDocument(xml: string, what: string): XmlElement {
  const parser = new SaxesParser({ xmlns: false });
  const open: MutableElement[] = [];
  let root: MutableElement | undefined;
  let failure: string | undefined;
  parser.on("error", (error) => {
    failure ??= error.message;
  });
  parser.on("doctype", () => {
    failure ??= "DOCTYPE is not accepted";
  });
  parser.on("opentag", (tag) => {
    const element: MutableElement = { name: localName(tag.name), attributes: attributesOf(tag.attributes), children: [], text: "" };
    const parent = open[open.length - 1];
    if (parent) parent.children.push(element);
    else root ??= element;
    open.push(element);
  });
  parser.on("closetag", () => {
    open.pop();
  });
  const addText = (text: string) => {
    const current = open[open.length - 1];
    if (current) current.text += text;
  };
  parser.on("text", addText);
  parser.on("cdata", addText);
  try {
    parser.write(xml);
    if (failure === undefined && root !== undefined && open.length > 0) {
      throw new QbxmlParseError(`The ${what} ends before its closing </${root.name}> tag; it was probably cut off.`);
    }
    parser.close();
  } catch (error) {
    if (error instanceof QbxmlParseError) throw error;
    failure ??= error instanceof Error ? error.message : String(error);
  }
  if (failure !== undefined) throw new QbxmlParseError(`The ${what} is not well-formed XML.`);
  if (root === undefined) throw new QbxmlParseError(`The ${what} contains no XML element.`);
  return root;
}

interface MutableElement {
  name: string;
  attributes: Record<string, string>;
  children: MutableElement[];
  text: string;
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(":");
  return colon === -1 ? qualified : qualified.slice(colon + 1);
}

function attributesOf(attributes: Record<string, string>): Record<string, string> {
  const plain: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes)) plain[localName(name)] = value;
  return plain;
}

function childElement(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name);
}

function childElements(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

/** Text exactly as QuickBooks sent it: names may carry meaningful spaces. */
function readString(element: XmlElement, name: string): string | undefined {
  return childElement(element, name)?.text;
}

function readStrings(element: XmlElement, name: string): string[] {
  return childElements(element, name).map((child) => child.text);
}

// BOOLTYPE, INTTYPE, AMTTYPE, DATETYPE... allow an empty element; it reads as absent.
function readTrimmed(element: XmlElement, name: string): string | undefined {
  const text = readString(element, name)?.trim();
  return text === "" ? undefined : text;
}

function readBool(element: XmlElement, name: string): boolean | undefined {
  const text = readTrimmed(element, name);
  if (text === undefined) return undefined;
  if (text === "true" || text === "1") return true;
  if (text === "false" || text === "0") return false;
  throw new QbxmlParseError(`${element.name}.${name} is "${text}", which is not true or false.`);
}

function readInteger(element: XmlElement, name: string): number | undefined {
  const text = readTrimmed(element, name);
  if (text === undefined) return undefined;
  if (!/^[+-]?\d+$/.test(text)) throw new QbxmlParseError(`${element.name}.${name} is "${text}", which is not a whole number.`);
  return Number(text);
}

function readAmount(element: XmlElement, name: string): Cents | undefined {
  const text = readTrimmed(element, name);
  return text === undefined ? undefined : parseAmount(text, `${element.name}.${name}`);
}

function readPrice(element: XmlElement, name: string): PriceCents | undefined {
  const text = readTrimmed(element, name);
  return text === undefined ? undefined : parsePrice(text, `${element.name}.${name}`);
}

/** QUANTYPE, PERCENTTYPE, FLOATTYPE. */
function readNumber(element: XmlElement, name: string): number | undefined {
  const text = readTrimmed(element, name);
  return text === undefined ? undefined : parseQuantity(text, `${element.name}.${name}`);
}

function readRef(element: XmlElement, name: string): RefValue | undefined {
  const ref = childElement(element, name);
  if (ref === undefined) return undefined;
  return { listId: readString(ref, "ListID"), fullName: readString(ref, "FullName") };
}

function readAddress(element: XmlElement, name: string): AddressValue | undefined {
  const address = childElement(element, name);
  if (address === undefined) return undefined;
  return {
    addr1: readString(address, "Addr1"),
    addr2: readString(address, "Addr2"),
    addr3: readString(address, "Addr3"),
    addr4: readString(address, "Addr4"),
    addr5: readString(address, "Addr5"),
    city: readString(address, "City"),
    state: readString(address, "State"),
    postalCode: readString(address, "PostalCode"),
    country: readString(address, "Country"),
    note: readString(address, "Note"),
  };
}

function readCustomFields(element: XmlElement): CustomField[] {
  return childElements(element, "DataExtRet").map((dataExt) => ({
    ownerId: readString(dataExt, "OwnerID"),
    name: readString(dataExt, "DataExtName") ?? "",
    type: readString(dataExt, "DataExtType"),
    value: readString(dataExt, "DataExtValue") ?? "",
  }));
}
