// The one map from role to what it may do. Each role includes the one below.
export const ROLES = ["owner", "admin", "member", "viewer"] as const;
export type TRole = (typeof ROLES)[number];

export const PERMISSIONS = {
  viewer: ["org:read"],
  member: ["org:read", "agent:chat"],
  admin: ["org:read", "agent:chat", "provider:manage", "agent:manage", "apikey:manage", "activity:manage", "alerts:manage", "member:invite"],
  owner: ["org:read", "agent:chat", "provider:manage", "agent:manage", "apikey:manage", "activity:manage", "alerts:manage", "member:invite", "member:manage"],
} as const;
export type TPermission = (typeof PERMISSIONS)["owner"][number];

export function can(role: TRole, permission: TPermission): boolean {
  return (PERMISSIONS[role] as readonly string[]).includes(permission);
}

// Admins invite people (and revoke invitations) as admins, members or
// viewers; only an owner hands out the owner role. Changing a member's role
// or removing a member stays with owners (member:manage).
export function mayGrant(actor: TRole, role: TRole): boolean {
  return role !== "owner" || actor === "owner";
}

export const ROLE_LABELS: Record<TRole, string> = {
  owner: "Owner",
  admin: "Admin",
  member: "Member",
  viewer: "Viewer",
};
