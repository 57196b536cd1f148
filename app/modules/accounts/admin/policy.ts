import { can, type GrantableRole, type Role, venueRoles } from "../permissions";

/**
 * Who may act on whom in the back office, as pure functions: the services enforce them and the
 * pages use them to show only the actions that will be allowed.
 */
export interface Actor {
	id: string;
	roles: readonly Role[];
}

/** Support and admin accounts: only an admin may suspend or reinstate them. */
export const staffRoles: readonly Role[] = ["support", "admin"];

export const isStaff = (roles: readonly Role[]) => roles.some((role) => staffRoles.includes(role));

export const isVenueRole = (role: GrantableRole) => venueRoles.includes(role);

/** Why the actor may not change this user's status (an i18n key), or null when they may. */
export function statusChangeBlocker(actor: Actor, target: { id: string; roles: readonly Role[] }): string | null {
	if (!can(actor.roles, "suspend:user:any")) return "errors.forbidden";
	if (actor.id === target.id) return "admin.errors.cannotSuspendSelf";
	if (isStaff(target.roles) && !can(actor.roles, "grant:role:any")) return "admin.errors.cannotSuspendStaff";
	return null;
}

export const canManageRoles = (actor: Actor) => can(actor.roles, "grant:role:any");

/** An admin keeps their own admin role: someone else must take it away, so the platform never locks itself out. */
export const isOwnAdminRole = (actor: Actor, target: { id: string }, role: GrantableRole) =>
	actor.id === target.id && role === "admin";
