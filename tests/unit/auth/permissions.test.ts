import { describe, expect, it } from "vitest";

import { can, mayGrant, PERMISSIONS, ROLES } from "@/lib/auth/permissions";

describe("permission map", () => {
  it("gives viewers read only", () => {
    expect(PERMISSIONS.viewer).toEqual(["org:read"]);
    expect(can("viewer", "agent:chat")).toBe(false);
  });

  it("lets members chat but not manage", () => {
    expect(can("member", "agent:chat")).toBe(true);
    expect(can("member", "provider:manage")).toBe(false);
  });

  it("lets admins manage providers, agents, API keys, activity retention and alerts, and invite people, but not manage members", () => {
    for (const p of ["provider:manage", "agent:manage", "apikey:manage", "activity:manage", "alerts:manage"] as const) expect(can("admin", p)).toBe(true);
    expect(can("member", "activity:manage")).toBe(false);
    expect(can("member", "alerts:manage")).toBe(false);
    expect(can("admin", "member:manage")).toBe(false);
    expect(can("admin", "member:invite")).toBe(true);
    expect(can("member", "member:invite")).toBe(false);
  });

  it("lets only an owner hand out the owner role", () => {
    expect(ROLES.filter((role) => mayGrant("admin", role))).toEqual(["admin", "member", "viewer"]);
    expect(ROLES.filter((role) => mayGrant("owner", role))).toEqual(ROLES);
  });

  it("gives owners everything, and each role everything the role below it has", () => {
    expect(can("owner", "member:manage")).toBe(true);
    for (let i = 1; i < ROLES.length; i += 1) {
      const lower = PERMISSIONS[ROLES[i]!] as readonly string[];
      const higher = PERMISSIONS[ROLES[i - 1]!] as readonly string[];
      expect(lower.every((p) => higher.includes(p))).toBe(true);
    }
  });
});
