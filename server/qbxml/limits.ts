export { MAX_LENGTH };

/**
 * Character limits from the maxLength facets of qbxml130.xsd (qbXML 13.0), except requestId:
 * the schema has no facet for it, but QuickBooks answers status 1060 above 50 characters.
 */
const MAX_LENGTH = {
  id: 36, // IDTYPE: ListID, TxnID, TxnLineID
  editSequence: 16,
  requestId: 50,
  includeRetElement: 50,

  customerName: 41,
  vendorName: 41,
  itemName: 31,
  paymentMethodName: 31,
  termsName: 31,
  salesTaxCodeName: 3,
  salesTaxCodeDesc: 31,

  companyName: 41,
  salutation: 15,
  firstName: 25,
  middleName: 5,
  lastName: 25,
  jobTitle: 41,
  addressLine: 41,
  city: 31,
  state: 21,
  postalCode: 13,
  country: 31,
  addressNote: 41,
  phone: 21,
  email: 1023,
  contact: 41,

  accountNumber: 99,
  resaleNumber: 15,
  notes: 4095,
  nameOnCheck: 41,
  vendorTaxIdent: 15,
  manufacturerPartNumber: 31,
  desc: 4095,
  memo: 4095,

  invoiceRefNumber: 11,
  purchaseOrderRefNumber: 11,
  vendorMsg: 99,
  poNumber: 25,
  fob: 13,
  invoiceOther: 29,
  paymentRefNumber: 20,
  billRefNumber: 20,
  checkRefNumber: 11,

  // FullName inside a *Ref depends on which list the ref points at.
  customerRefFullName: 209, // CustomerListRef: "Parent:Job" paths
  vendorRefFullName: 41, // VendorListRef: vendors are flat
  listRefFullName: 159, // ListRef: accounts, classes
  simpleListRefFullName: 31, // SimpleListRef: terms, payment methods, sales tax items, templates
  salesTaxCodeRefFullName: 3, // SalesTaxCodeListRef: "Tax", "Non"
} as const;
