// Who may do what in the admin. Pure, so client components can show or hide controls with the
// same rule the server enforces (the server check is the one that counts).
export const ROLES = ['admin', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 1, admin: 2 };

/** An admin can do everything a viewer can. */
export function hasRole(actual: string, required: Role): boolean {
  return (RANK[actual as Role] ?? 0) >= RANK[required];
}

export interface AdminUser {
  id: number;
  email: string;
  name: string;
  role: Role;
}
