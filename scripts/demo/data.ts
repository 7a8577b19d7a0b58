// A landscaping and irrigation company around Raleigh, NC. Phone numbers use the fictional 555-01xx range
// and emails the reserved .example domain, so the demo never reaches a real person.

export const BUSINESS_CUSTOMERS = [
  "Harbor Dental Group",
  "Maple Court HOA",
  "Oak Street Bakery",
  "Lakeside Family Practice",
  "Crabtree Valley Apartments",
  "Falls Lake Marina",
  "Cedar Ridge Church",
  "Brightwater Veterinary Clinic",
  "Magnolia Montessori School",
  "Triangle Auto Care",
  "Sunset Hills Golf Club",
  "Riverbend Office Park",
  "Willow Creek Townhomes",
  "Peak City Brewing Co.",
  "Friends of Holly Springs Library",
  "Carolina Physical Therapy",
  "Glenwood Law Offices",
  "Stonebridge Senior Living",
  "Fox Run Swim & Racquet",
  "Blue Heron Cafe",
  "Apex Hardware & Feed",
  "Wakefield Pediatrics",
  "Northridge Fitness",
  "Pinecrest Inn & Suites",
  "Greystone Village HOA",
  "Hillsborough Street Books",
  "Fuquay Farmers Market",
  "Amberly Commons Retail Center",
  "Bella Vista Italian Kitchen",
  "Kildaire Farm Storage",
] as const;

export const HOUSEHOLD_CUSTOMERS = [
  "Karen Whitfield",
  "James Okafor",
  "Priya Raman",
  "Tom & Linda Bauer",
  "Miguel Santos",
  "Ellen Fitzgerald",
  "Robert Chen",
  "Angela Brooks",
  "David Kowalski",
  "Sarah Lindqvist",
  "Kevin O'Brien",
  "Rachel Goldberg",
  "Anthony Russo",
  "Grace Nakamura",
  "William Tate",
  "Monica Alvarez",
  "Brian Hughes",
  "Denise Carter",
  "Samuel Adeyemi",
  "Heather McAllister",
] as const;

/** Households that moved away: kept, inactive, never invoiced in the demo. */
export const INACTIVE_CUSTOMERS = ["Brian Hughes", "Heather McAllister"] as const;

export const VENDORS = [
  "Carolina Turf Supply",
  "Triangle Irrigation Wholesale",
  "Greenleaf Nursery",
  "Pine State Fuel",
  "Oakley Equipment Rental",
  "Wake Stone Landscape Supply",
  "Piedmont Mulch & Soil",
  "Capital Small Engine Repair",
  "Tar Heel Trailer Sales",
  "Southern Uniform Co.",
  "Eastside Tire & Auto",
  "Crossroads Insurance Agency",
  "Raleigh Office Supply",
  "Meadowbrook Sod Farm",
  "Haw River Tree Service",
] as const;

export const FIRST_NAMES = ["Lisa", "Mark", "Tanya", "Greg", "Amanda", "Luis", "Jenna", "Carl", "Nora", "Derek", "Irene", "Paul"];
export const LAST_NAMES = ["Morgan", "Patel", "Hayes", "Nguyen", "Foster", "Reyes", "Dunn", "Wallace", "Barnes", "Kim", "Jordan"];

export const STREETS = [
  "Glenwood Ave",
  "Hillsborough St",
  "Six Forks Rd",
  "Falls of Neuse Rd",
  "Kildaire Farm Rd",
  "Ten Ten Rd",
  "Davis Dr",
  "Wade Ave",
  "Lake Boone Trl",
  "Tryon Rd",
  "Oak Park Dr",
  "Creekside Ln",
  "Willow Bend Ct",
  "Stonehenge Dr",
  "Cedar Hills Dr",
  "Main St",
];

export const TOWNS = [
  { city: "Raleigh", postalCodes: ["27604", "27609", "27612", "27615"] },
  { city: "Cary", postalCodes: ["27511", "27513", "27518"] },
  { city: "Apex", postalCodes: ["27502", "27539"] },
  { city: "Wake Forest", postalCodes: ["27587"] },
  { city: "Garner", postalCodes: ["27529"] },
  { city: "Morrisville", postalCodes: ["27560"] },
  { city: "Holly Springs", postalCodes: ["27540"] },
  { city: "Fuquay-Varina", postalCodes: ["27526"] },
];

export interface DemoItem {
  kind: "service" | "non_inventory";
  name: string;
  description: string;
  price: string;
  /** The quantities a line of this item usually has: from, to, in steps of. */
  quantity: readonly [number, number, number];
  /** The item (listed before it) this one is a sub-item of: its category. */
  parent?: string;
}

export const ITEMS: DemoItem[] = [
  { kind: "service", name: "Lawn Mowing", description: "Mow, trim edges and blow clippings", price: "45.00", quantity: [1, 4, 1] },
  { kind: "service", name: "Hedge Trimming", description: "Trim and shape hedges, haul clippings", price: "65.00", quantity: [1, 3, 1] },
  {
    kind: "service",
    name: "Irrigation Repair",
    description: "Irrigation troubleshooting and repair, per hour",
    price: "95.00",
    quantity: [1, 4, 0.5],
  },
  {
    kind: "service",
    name: "Irrigation Startup",
    description: "Spring startup and controller programming",
    price: "85.00",
    quantity: [1, 1, 1],
  },
  {
    kind: "service",
    name: "Irrigation Winterization",
    description: "Blow out lines and shut off backflow",
    price: "75.00",
    quantity: [1, 1, 1],
  },
  { kind: "service", name: "Leaf Removal", description: "Blow, collect and haul leaves", price: "120.00", quantity: [1, 2, 1] },
  { kind: "service", name: "Core Aeration", description: "Core aeration of lawn areas", price: "140.00", quantity: [1, 1, 1] },
  { kind: "service", name: "Overseeding", description: "Fescue overseeding after aeration, labor", price: "110.00", quantity: [1, 1, 1] },
  {
    kind: "service",
    name: "Spring Cleanup",
    description: "Beds weeded, edged and cleared of debris",
    price: "225.00",
    quantity: [1, 1, 1],
  },
  { kind: "service", name: "Fall Cleanup", description: "Leaves, cut-backs and final mow", price: "250.00", quantity: [1, 1, 1] },
  { kind: "service", name: "Shrub Pruning", description: "Shrub and small tree pruning, per hour", price: "55.00", quantity: [1, 4, 0.5] },
  { kind: "service", name: "Fertilization", description: "Seasonal fertilizer application", price: "65.00", quantity: [1, 1, 1] },
  { kind: "service", name: "Weed Control", description: "Pre- and post-emergent weed control", price: "55.00", quantity: [1, 1, 1] },
  {
    kind: "service",
    name: "Mulch Installation",
    description: "Spread mulch or pine straw, per hour",
    price: "50.00",
    quantity: [2, 6, 0.5],
  },
  // A category with its sub-items, as QuickBooks lists them: "Landscaping:Mulching".
  { kind: "service", name: "Landscaping", description: "Landscape labor, per hour", price: "60.00", quantity: [1, 4, 0.5] },
  { kind: "service", name: "Mulching", description: "Mulch beds, per hour", price: "50.00", quantity: [2, 6, 0.5], parent: "Landscaping" },
  {
    kind: "service",
    name: "Edging",
    description: "Edge beds and walks, per 100 ft",
    price: "30.00",
    quantity: [1, 5, 1],
    parent: "Landscaping",
  },
  {
    kind: "non_inventory",
    name: "Hardwood Mulch",
    description: "Double-shredded hardwood mulch, per cubic yard",
    price: "42.00",
    quantity: [2, 12, 1],
  },
  { kind: "non_inventory", name: "Pine Straw", description: "Long-leaf pine straw, per bale", price: "7.50", quantity: [10, 60, 5] },
  { kind: "non_inventory", name: "Topsoil", description: "Screened topsoil, per cubic yard", price: "36.00", quantity: [1, 8, 1] },
  { kind: "non_inventory", name: "Fescue Seed", description: "Tall fescue blend, per pound", price: "4.25", quantity: [5, 50, 5] },
  { kind: "non_inventory", name: "Sprinkler Head", description: "Rotor sprinkler head, installed", price: "18.50", quantity: [1, 6, 1] },
  { kind: "non_inventory", name: "Fescue Sod", description: "Fescue sod, per pallet", price: "295.00", quantity: [1, 3, 1] },
];

export const PAYMENT_METHODS = ["Cash", "Check", "Visa", "MasterCard", "ACH"] as const;

export const TERMS = [
  { name: "Due on receipt", netDays: 0 },
  { name: "Net 15", netDays: 15 },
  { name: "Net 30", netDays: 30 },
] as const;

export const SALES_TAX_CODES = [
  { name: "Tax", description: "Taxable sales", taxable: true },
  { name: "Non", description: "Non-taxable sales", taxable: false },
] as const;

/** North Carolina's state rate and Wake County's, paid to the state, charged together as one group. */
export const TAX_AGENCY = "North Carolina Department of Revenue";
export const SALES_TAX_ITEMS = [
  { name: "NC State", description: "North Carolina sales tax", ratePercent: 4.75 },
  { name: "Wake County", description: "Wake County sales tax", ratePercent: 2.25 },
] as const;
export const SALES_TAX_GROUP = { name: "Wake Combined", description: "State and Wake County sales tax" } as const;
/** Customers that buy tax-exempt (a church and a school); everyone else is taxable. */
export const TAX_EXEMPT_CUSTOMERS = ["Cedar Ridge Church", "Magnolia Montessori School"] as const;

export const INVOICE_MEMOS = [
  "Thank you for your business!",
  "Weekly service",
  "Gate code 4512, dog in back yard",
  "Per signed estimate",
  "Front and side beds only",
];

/** QuickBooks' chart of accounts as the demo's QuickBooks has it (the simulator's starter chart): bills book to these. */
export const ACCOUNTS = [
  { name: "Checking", type: "Bank" },
  { name: "Accounts Payable", type: "AccountsPayable" },
  { name: "Cost of Goods Sold", type: "CostOfGoodsSold" },
  { name: "Materials", type: "Expense" },
  { name: "Job Supplies", type: "Expense" },
  { name: "Fuel", type: "Expense" },
] as const;

/** The vendors the office buys job materials from, the account each one's bills go to and their invoice prefix. */
export const BILL_VENDORS = [
  { vendor: "Carolina Turf Supply", account: "Materials", prefix: "CTS", memo: "Seed and fertilizer" },
  { vendor: "Greenleaf Nursery", account: "Materials", prefix: "GLN", memo: "Shrubs and perennials" },
  { vendor: "Pine State Fuel", account: "Fuel", prefix: "PSF", memo: "Fleet fuel" },
  { vendor: "Wake Stone Landscape Supply", account: "Materials", prefix: "WSL", memo: "Stone and edging" },
  { vendor: "Piedmont Mulch & Soil", account: "Job Supplies", prefix: "PMS", memo: "Mulch and topsoil" },
  { vendor: "Meadowbrook Sod Farm", account: "Materials", prefix: "MSF", memo: "Sod" },
] as const;

/** Materials ordered for jobs: vendor, items with quantity and unit cost, days before today, days until expected. */
export const PURCHASE_ORDERS = [
  {
    vendor: "Piedmont Mulch & Soil",
    memo: "Spring mulch for the HOA contracts",
    lines: [
      ["Hardwood Mulch", 40, "24.00"],
      ["Topsoil", 6, "22.00"],
    ],
    daysAgo: 60,
    expectedIn: 7,
  },
  {
    vendor: "Meadowbrook Sod Farm",
    memo: "Sod for the Cary backyard job",
    lines: [["Fescue Sod", 3, "210.00"]],
    daysAgo: 35,
    expectedIn: 5,
  },
  {
    vendor: "Triangle Irrigation Wholesale",
    memo: "Rotor heads for repairs",
    lines: [["Sprinkler Head", 24, "9.75"]],
    daysAgo: 21,
    expectedIn: 10,
  },
  {
    vendor: "Greenleaf Nursery",
    memo: "Seed and straw for fall overseeding",
    lines: [
      ["Fescue Seed", 150, "2.40"],
      ["Pine Straw", 80, "4.10"],
    ],
    daysAgo: 8,
    expectedIn: 14,
  },
  { vendor: "Wake Stone Landscape Supply", memo: null, lines: [["Topsoil", 12, "21.50"]], daysAgo: 3, expectedIn: 4 },
] as const;
