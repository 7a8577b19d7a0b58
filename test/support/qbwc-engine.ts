import type { EngineSession, QbwcEngine, QbwcResponse, SessionEnding } from "@/server/qbwc/engine";

export interface ScriptedEngine extends QbwcEngine {
  responses: QbwcResponse[];
  endings: { sessionId: number; ending: SessionEnding }[];
  sessionsSeen: EngineSession[];
}

/**
 * A stand-in for the sync engine: it sends the given qbXML requests in order and reports
 * the given percentages, recording what the service tells it.
 */
export function scriptedEngine(script: { begin?: "work" | "nothing"; requests?: string[]; percents?: number[] } = {}): ScriptedEngine {
  const queue = [...(script.requests ?? [])];
  const percents = [...(script.percents ?? [])];
  const engine: ScriptedEngine = {
    responses: [],
    endings: [],
    sessionsSeen: [],
    beginSession: async (session) => {
      engine.sessionsSeen.push(session);
      return script.begin ?? "work";
    },
    nextRequest: async (session) => {
      engine.sessionsSeen.push(session);
      return queue.shift() ?? null;
    },
    handleResponse: async (_session, response) => {
      engine.responses.push(response);
      return { percentDone: percents.shift() ?? 50 };
    },
    sessionEnded: async (session, ending) => {
      engine.endings.push({ sessionId: session.id, ending });
    },
  };
  return engine;
}

/**
 * An engine that only confirms the connection: the service's handshake records the host, company and preferences,
 * and with nothing more to send the session ends at 100%.
 */
export const handshakeOnlyEngine: QbwcEngine = {
  beginSession: async () => "work",
  nextRequest: async () => null,
  handleResponse: async () => ({ percentDone: 100 }),
  sessionEnded: async () => {},
};

/** A minimal qbXML 13.0 request document for engine tests. */
export function qbxmlRequest(body: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<?qbxml version="13.0"?>\n<QBXML><QBXMLMsgsRq onError="stopOnError">${body}</QBXMLMsgsRq></QBXML>`;
}
