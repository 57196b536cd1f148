/**
 * What each role may do, in one place. Permission strings read `action:entity:scope`; every
 * user is a player, grants add the rest. Venue roles apply to the venue of their grant.
 */
export const roles = ["player", "coach", "venue_owner", "venue_manager", "venue_front_desk", "support", "admin"] as const;
export type Role = (typeof roles)[number];
export type GrantableRole = Exclude<Role, "player">;
export const grantableRoles: GrantableRole[] = ["coach", "venue_owner", "venue_manager", "venue_front_desk", "support", "admin"];
export const venueRoles: GrantableRole[] = ["venue_owner", "venue_manager", "venue_front_desk"];

export const permissionsByRole = {
	player: ["read:profile:own", "update:profile:own", "create:booking:own", "read:booking:own"],
	coach: [
		"read:coach-profile:own",
		"update:coach-profile:own",
		"read:booking:coach",
		"read:income:own",
		// Payout accounts and withdrawals: the coach's own money out.
		"manage:payout:own",
	],
	venue_owner: ["read:venue:own", "update:venue:own", "manage:venue-team:own", "read:venue-report:own"],
	venue_manager: ["read:venue:own", "update:venue:own", "manage:venue-team:own", "read:venue-report:own"],
	venue_front_desk: ["read:venue:own", "assign:booking:venue"],
	support: [
		"access:admin",
		"read:user:any",
		"suspend:user:any",
		"read:audit:any",
		"read:booking:any",
		"cancel:booking:any",
		// Support answers "where is my money": they read payments; only admins give money back.
		"read:payment:any",
		// Coaches' income statements (support answers "where is my money" for coaches too).
		"read:income:any",
		// The forbidden-word list and the queue of held and reported content.
		"moderate:content:any",
	],
	admin: [
		"access:admin",
		"read:user:any",
		"suspend:user:any",
		"read:audit:any",
		"grant:role:any",
		"read:booking:any",
		"cancel:booking:any",
		// Reconciliation differences with the providers' bills: finance, admins only.
		"reconcile:payment:any",
		// Payments, refunds and the ledger in the back office: reading them, and giving money back.
		"read:payment:any",
		"refund:payment:any",
		// Coaches' income statements, and the tax export with real names decrypted: admins only.
		"read:income:any",
		"export:income:any",
		// Coaches' withdrawals: the approval queue, rejections and the bank batch files.
		"approve:withdrawal:any",
		"moderate:content:any",
		// The drill catalogue players and coaches train with: content of the product, admins only.
		"manage:drill:any",
	],
} as const satisfies Record<Role, readonly string[]>;

export type Permission = (typeof permissionsByRole)[Role][number];

export function permissionsOf(userRoles: readonly Role[]): Set<Permission> {
	return new Set(userRoles.flatMap((role) => permissionsByRole[role] as readonly Permission[]));
}

/**
 * What only staff may do (the back office): every permission of support and admin that no other
 * role has. The guards ask these of a second factor as well as of the role.
 */
const staffRoles: readonly Role[] = ["support", "admin"];
export const backOfficePermissions: ReadonlySet<Permission> = new Set(
	[...permissionsOf(staffRoles)].filter(
		(permission) => !roles.some((role) => !staffRoles.includes(role) && permissionsOf([role]).has(permission)),
	),
);

export function can(userRoles: readonly Role[], permission: Permission): boolean {
	return permissionsOf(userRoles).has(permission);
}
