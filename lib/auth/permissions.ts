// The one map from role to what it may do. Each role includes the one below.
export const ROLES = ["owner", "admin", "member", "viewer"] as const;
export type TRole = (typeof ROLES)[number];

export const PERMISSIONS = {
  viewer: ["org:read"],
  member: ["org:read", "agent:chat"],
  admin: ["org:read", "agent:chat", "provider:manage", "agent:manage", "apikey:manage", "activity:manage", "alerts:manage"],
  owner: ["org:read", "agent:chat", "provider:manage", "agent:manage", "apikey:manage", "activity:manage", "alerts:manage", "member:manage"],
} as const;
export type TPermission = (typeof PERMISSIONS)["owner"][number];

export function can(role: TRole, permission: TPermission): boolean {
  return (PERMISSIONS[role] as readonly string[]).includes(permission);
}

export const ROLE_LABELS: Record<TRole, string> = {
  owner: "Owner",
  admin: "Admin",
  member: "Member",
  viewer: "Viewer",
};
