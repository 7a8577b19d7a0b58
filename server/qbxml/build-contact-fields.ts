import { MAX_LENGTH } from "./limits";
import { writeText, type Scope } from "./xml-write";

export type { PersonNameInput, CommInfoInput };
export { writeCompanyAndPersonName, writeCommInfo };

/** CompanyName, the PersonName group and JobTitle, in that order on both customers and vendors. */
interface PersonNameInput {
  readonly companyName?: string;
  readonly salutation?: string;
  readonly firstName?: string;
  readonly middleName?: string;
  readonly lastName?: string;
  readonly jobTitle?: string;
}

/** The CommInfo group. */
interface CommInfoInput {
  readonly phone?: string;
  readonly mobile?: string;
  readonly pager?: string;
  readonly altPhone?: string;
  readonly fax?: string;
  readonly email?: string;
  readonly cc?: string;
  readonly contact?: string;
  readonly altContact?: string;
}

function writeCompanyAndPersonName(scope: Scope, input: PersonNameInput): void {
  writeText(scope, "CompanyName", input.companyName, MAX_LENGTH.companyName);
  writeText(scope, "Salutation", input.salutation, MAX_LENGTH.salutation);
  writeText(scope, "FirstName", input.firstName, MAX_LENGTH.firstName);
  writeText(scope, "MiddleName", input.middleName, MAX_LENGTH.middleName);
  writeText(scope, "LastName", input.lastName, MAX_LENGTH.lastName);
  writeText(scope, "JobTitle", input.jobTitle, MAX_LENGTH.jobTitle);
}

function writeCommInfo(scope: Scope, input: CommInfoInput): void {
  writeText(scope, "Phone", input.phone, MAX_LENGTH.phone);
  writeText(scope, "Mobile", input.mobile, MAX_LENGTH.phone);
  writeText(scope, "Pager", input.pager, MAX_LENGTH.phone);
  writeText(scope, "AltPhone", input.altPhone, MAX_LENGTH.phone);
  writeText(scope, "Fax", input.fax, MAX_LENGTH.phone);
  writeText(scope, "Email", input.email, MAX_LENGTH.email);
  writeText(scope, "Cc", input.cc, MAX_LENGTH.email);
  writeText(scope, "Contact", input.contact, MAX_LENGTH.contact);
  writeText(scope, "AltContact", input.altContact, MAX_LENGTH.contact);
}
