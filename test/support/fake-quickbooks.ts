import { create } from "xmlbuilder2";

/**
 * A small stand-in for QuickBooks used until scripts/simulator/company.ts lands: it answers whole qbXML request
 * documents with a name pool, EditSequence checks (3200), unknown IDs (3120/500), iterators, ListDeleted,
 * and injected status codes.
 */
interface Node {
  name: string;
  attributes: Record<string, string>;
  children: Node[];
  text: string;
}

interface Stored {
  type: string;
  id: string;
  editSequence: number;
  timeModified: string;
  fields: Node[];
}

const LIST_TYPES = ["Customer", "Vendor", "ItemService", "ItemNonInventory", "PaymentMethod", "StandardTerms"];
const NAME_POOL = new Set(["Customer", "Vendor"]);

export class FakeQuickBooks {
  readonly records = new Map<string, Stored>();
  readonly deleted: { type: string; id: string; name: string; time: string }[] = [];
  readonly requestsSeen: string[] = [];
  private readonly injected: { type: string; code: number; message: string }[] = [];
  private readonly iterators = new Map<string, Stored[]>();
  private clock = Date.UTC(2024, 4, 1, 9, 0, 0);
  private nextId = 1;

  /** The next request of this type (e.g. "CustomerAdd") is answered with this status code. */
  inject(type: string, code: number, message = `Injected status ${code}.`) {
    this.injected.push({ type, code, message });
  }

  ofType(type: string): Stored[] {
    return [...this.records.values()].filter((record) => record.type === type);
  }

  nameOf(record: Stored): string {
    return text(record.fields, "Name") ?? text(record.fields, "RefNumber") ?? record.id;
  }

  /** Adds a record as if someone typed it into QuickBooks. */
  seed(type: string, fields: Record<string, string>): Stored {
    const children = Object.entries(fields).map(([name, value]) => leaf(name, value));
    return this.store(type, children);
  }

  edit(record: Stored, fields: Record<string, string>) {
    for (const [name, value] of Object.entries(fields)) replaceField(record.fields, leaf(name, value));
    record.editSequence += 1;
    record.timeModified = this.tick();
  }

  remove(record: Stored) {
    this.records.delete(record.id);
    this.deleted.push({ type: record.type, id: record.id, name: this.nameOf(record), time: this.tick() });
  }

  handle(requestXml: string): string {
    this.requestsSeen.push(requestXml);
    const root = parse(requestXml);
    const messages = root.children.find((child) => child.name === "QBXMLMsgsRq")!;
    const out = messages.children.map((rq) => this.answer(rq)).join("\n");
    return `<?xml version="1.0" ?>\n<QBXML><QBXMLMsgsRs>${out}</QBXMLMsgsRs></QBXML>`;
  }

  private answer(rq: Node): string {
    const type = rq.name.replace(/Rq$/, "");
    const requestId = rq.attributes.requestID;
    const status = (code: number, message: string, body = "", extra = "") =>
      `<${type}Rs${requestId ? ` requestID="${requestId}"` : ""} statusCode="${code}" statusSeverity="${code === 0 || code === 1 ? "Info" : code < 1000 ? "Warn" : "Error"}" statusMessage="${escape(message)}"${extra}>${body}</${type}Rs>`;
    const injected = this.injected.findIndex((entry) => entry.type === type);
    if (injected >= 0) {
      const [entry] = this.injected.splice(injected, 1);
      return status(entry!.code, entry!.message);
    }
    if (type.endsWith("Add")) {
      const recordType = type.slice(0, -3);
      const add = rq.children[0]!;
      const name = text(add.children, "Name");
      if (name !== undefined && this.nameTaken(recordType, name)) {
        return status(3100, `The name "${name}" of the list element is already in use.`);
      }
      const missing = this.missingRef(add.children);
      if (missing) return status(3140, `There is an invalid reference to QuickBooks ${missing} in the ${recordType}.`);
      const stored = this.store(recordType, add.children.map(renameAdd));
      return status(0, "Status OK", this.ret(stored));
    }
    if (type.endsWith("Mod")) {
      const recordType = type.slice(0, -3);
      const mod = rq.children[0]!;
      const id = text(mod.children, "ListID") ?? text(mod.children, "TxnID")!;
      const stored = this.records.get(id);
      if (!stored) return status(3120, `Object "${id}" specified in the request cannot be found.`);
      if (String(stored.editSequence) !== text(mod.children, "EditSequence")) {
        return status(3200, "The provided edit sequence is out-of-date.");
      }
      for (const field of mod.children.map(renameAdd)) {
        if (["ListID", "TxnID", "EditSequence"].includes(field.name)) continue;
        if (field.name === "InvoiceLineRet") continue;
        replaceField(stored.fields, field);
      }
      const lines = mod.children.filter((child) => child.name === "InvoiceLineMod");
      if (lines.length > 0) {
        stored.fields = stored.fields.filter((field) => field.name !== "InvoiceLineRet").concat(lines.map((line) => ({ ...line, name: "InvoiceLineRet", children: line.children.filter((c) => c.name !== "TxnLineID") })));
      }
      stored.editSequence += 1;
      stored.timeModified = this.tick();
      return status(0, "Status OK", this.ret(stored));
    }
    if (type === "ListDeletedQuery") {
      const body = this.deleted
        .map((entry) => `<ListDeletedRet><ListDelType>${entry.type}</ListDelType><ListID>${entry.id}</ListID><TimeDeleted>${entry.time}</TimeDeleted><FullName>${escape(entry.name)}</FullName></ListDeletedRet>`)
        .join("");
      return status(this.deleted.length ? 0 : 1, this.deleted.length ? "Status OK" : "No match", body);
    }
    if (type.endsWith("Query")) return this.query(type.slice(0, -5), rq, status);
    return status(3000, `Unsupported request ${type}.`);
  }

  private query(recordType: string, rq: Node, status: (code: number, message: string, body?: string, extra?: string) => string): string {
    const types = recordType === "Item" ? ["ItemService", "ItemNonInventory"] : [recordType];
    const iteratorId = rq.attributes.iteratorID;
    let matches: Stored[];
    if (rq.attributes.iterator === "Continue" && iteratorId) {
      const rest = this.iterators.get(iteratorId);
      if (!rest) return status(3391, `The iteratorID "${iteratorId}" is not valid.`);
      matches = rest;
    } else {
      const pool = [...this.records.values()].filter((record) => types.includes(record.type));
      const ids = all(rq.children, "ListID").concat(all(rq.children, "TxnID"));
      const names = all(rq.children, "FullName").concat(all(rq.children, "RefNumber")).map((name) => name.toLowerCase());
      const from = text(rq.children, "FromModifiedDate") ?? text(find(rq.children, "ModifiedDateRangeFilter")?.children ?? [], "FromModifiedDate");
      const entity = find(rq.children, "EntityFilter");
      const txnDate = find(rq.children, "TxnDateRangeFilter");
      matches = pool.filter((record) => {
        if (ids.length && !ids.includes(record.id)) return false;
        if (names.length && !names.includes(this.nameOf(record).toLowerCase())) return false;
        if (from && Date.parse(record.timeModified) < Date.parse(from)) return false;
        if (entity) {
          const wanted = all(entity.children, "FullName").map((name) => name.toLowerCase());
          const customer = this.refName(find(record.fields, "CustomerRef"));
          if (!wanted.includes((customer ?? "").toLowerCase())) return false;
        }
        if (txnDate && text(record.fields, "TxnDate") !== text(txnDate.children, "FromTxnDate")) return false;
        return true;
      });
      if (ids.length && matches.length === 0) return status(500, "The query request has not been fully completed. There was a required element not found.");
    }
    const max = Number(text(rq.children, "MaxReturned") ?? "0") || matches.length;
    const page = matches.slice(0, max);
    const rest = matches.slice(max);
    let extra = "";
    if (rq.attributes.iterator) {
      const id = iteratorId ?? `{iter-${this.nextId++}}`;
      this.iterators.set(id, rest);
      extra = ` iteratorRemainingCount="${rest.length}" iteratorID="${id}"`;
    }
    return status(page.length ? 0 : 1, page.length ? "Status OK" : "A query request did not find a matching object in QuickBooks", page.map((record) => this.ret(record)).join(""), extra);
  }

  private nameTaken(type: string, name: string): boolean {
    const pool = NAME_POOL.has(type) ? [...NAME_POOL] : type.startsWith("Item") ? ["ItemService", "ItemNonInventory"] : [type];
    return [...this.records.values()].some((record) => pool.includes(record.type) && this.nameOf(record).toLowerCase() === name.toLowerCase());
  }

  private missingRef(fields: Node[]): string | undefined {
    for (const field of fields) {
      if (field.name.endsWith("Ref") && ["CustomerRef", "ItemRef", "TermsRef", "PaymentMethodRef"].includes(field.name)) {
        const id = text(field.children, "ListID");
        if (id && !this.records.has(id)) return field.name.replace("Ref", "");
        const name = text(field.children, "FullName");
        if (name && !this.byName(name)) return field.name.replace("Ref", "");
      }
      const missing = this.missingRef(field.children);
      if (missing) return missing;
    }
    return undefined;
  }

  private byName(name: string): Stored | undefined {
    return [...this.records.values()].find((record) => LIST_TYPES.includes(record.type) && this.nameOf(record).toLowerCase() === name.toLowerCase());
  }

  private refName(ref: Node | undefined): string | undefined {
    if (!ref) return undefined;
    const id = text(ref.children, "ListID");
    const stored = id ? this.records.get(id) : undefined;
    return stored ? this.nameOf(stored) : text(ref.children, "FullName");
  }

  private store(type: string, fields: Node[]): Stored {
    const id = `${(0x80000000 + this.nextId++).toString(16).toUpperCase()}-1714554000`;
    const stored: Stored = { type, id, editSequence: 1714554000, timeModified: this.tick(), fields };
    this.records.set(id, stored);
    return stored;
  }

  private ret(record: Stored): string {
    const isTxn = !LIST_TYPES.includes(record.type);
    const head = isTxn
      ? `<TxnID>${record.id}</TxnID><TimeCreated>${record.timeModified}</TimeCreated><TimeModified>${record.timeModified}</TimeModified><EditSequence>${record.editSequence}</EditSequence>`
      : `<ListID>${record.id}</ListID><TimeCreated>${record.timeModified}</TimeCreated><TimeModified>${record.timeModified}</TimeModified><EditSequence>${record.editSequence}</EditSequence>`;
    const name = text(record.fields, "Name");
    const body = record.fields
      .map((field) => (field.name === "Name" && ["Customer", "ItemService", "ItemNonInventory"].includes(record.type) ? `${serialize(field)}<FullName>${escape(name ?? "")}</FullName>` : this.serializeWithRefs(field)))
      .join("");
    return `<${record.type}Ret>${head}${body}</${record.type}Ret>`;
  }

  private serializeWithRefs(node: Node): string {
    if (node.name.endsWith("Ref") && !find(node.children, "FullName")) {
      const name = this.refName(node);
      return `<${node.name}>${node.children.map(serialize).join("")}${name ? `<FullName>${escape(name)}</FullName>` : ""}</${node.name}>`;
    }
    if (node.children.length === 0) return serialize(node);
    return `<${node.name}>${node.children.map((child) => this.serializeWithRefs(child)).join("")}</${node.name}>`;
  }

  private tick(): string {
    this.clock += 60_000;
    return `${new Date(this.clock).toISOString().slice(0, 19)}-05:00`;
  }
}

function renameAdd(node: Node): Node {
  const name = node.name.endsWith("Add") ? `${node.name.slice(0, -3)}Ret` : node.name.endsWith("Mod") ? `${node.name.slice(0, -3)}Ret` : node.name;
  return { ...node, name, children: node.children.map(renameAdd) };
}

function replaceField(fields: Node[], field: Node) {
  const index = fields.findIndex((existing) => existing.name === field.name);
  if (index >= 0) fields[index] = field;
  else fields.push(field);
}

function leaf(name: string, value: string): Node {
  return { name, attributes: {}, children: [], text: value };
}

function find(nodes: Node[], name: string) {
  return nodes.find((node) => node.name === name);
}

function text(nodes: Node[], name: string): string | undefined {
  return find(nodes, name)?.text;
}

function all(nodes: Node[], name: string): string[] {
  return nodes.filter((node) => node.name === name).map((node) => node.text);
}

function serialize(node: Node): string {
  if (node.children.length === 0) return `<${node.name}>${escape(node.text)}</${node.name}>`;
  return `<${node.name}>${node.children.map(serialize).join("")}</${node.name}>`;
}

function escape(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

interface DomNode {
  nodeType: number;
  nodeValue: string | null;
  localName?: string;
  childNodes: Iterable<DomNode>;
  attributes?: Iterable<{ localName: string; value: string }>;
}

function parse(xml: string): Node {
  const root = (create(xml).node as unknown as { documentElement: DomNode }).documentElement;
  return toNode(root);
}

function toNode(element: DomNode): Node {
  const children: Node[] = [];
  let value = "";
  for (const child of element.childNodes) {
    if (child.nodeType === 1) children.push(toNode(child));
    else if (child.nodeType === 3 || child.nodeType === 4) value += child.nodeValue ?? "";
  }
  const attributes: Record<string, string> = {};
  for (const attribute of element.attributes ?? []) attributes[attribute.localName] = attribute.value;
  return { name: element.localName ?? "", attributes, children, text: value.trim() };
}
