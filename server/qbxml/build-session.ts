import { createRequest } from "./build-document";
import { MAX_LENGTH } from "./limits";
import type { QbxmlRequest, RequestOptions } from "./types";
import { writeGuids, writeTexts } from "./xml-write";

export type { HostQueryInput, CompanyQueryInput, PreferencesQueryInput };
export { hostQueryRq, companyQueryRq, preferencesQueryRq };

interface HostQueryInput {
  readonly includeRetElements?: readonly string[];
}

interface CompanyQueryInput {
  readonly includeRetElements?: readonly string[];
  /** Our OwnerID returns our data extensions on the company, e.g. the FileID stamp. */
  readonly ownerIds?: readonly string[];
}

interface PreferencesQueryInput {
  readonly includeRetElements?: readonly string[];
}

function hostQueryRq(input: HostQueryInput = {}, options?: RequestOptions): QbxmlRequest {
  return createRequest("HostQueryRq", options, (rq) => {
    writeTexts(rq, "IncludeRetElement", input.includeRetElements, MAX_LENGTH.includeRetElement);
  });
}

function companyQueryRq(input: CompanyQueryInput = {}, options?: RequestOptions): QbxmlRequest {
  return createRequest("CompanyQueryRq", options, (rq) => {
    writeTexts(rq, "IncludeRetElement", input.includeRetElements, MAX_LENGTH.includeRetElement);
    writeGuids(rq, "OwnerID", input.ownerIds);
  });
}

function preferencesQueryRq(input: PreferencesQueryInput = {}, options?: RequestOptions): QbxmlRequest {
  return createRequest("PreferencesQueryRq", options, (rq) => {
    writeTexts(rq, "IncludeRetElement", input.includeRetElements, MAX_LENGTH.includeRetElement);
  });
}
