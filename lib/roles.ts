export const ROLES = ["admin", "staff"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin — settings, users, destructive actions such as Clear ID",
  staff: "Staff — review, approve and resync",
};

/** The signed-in person as every service and procedure sees them. */
export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
}
