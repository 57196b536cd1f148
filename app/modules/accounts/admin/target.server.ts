import { eq } from "drizzle-orm";
import type { Transaction } from "~/lib/db.server";
import { AppError, badRequest, notFound } from "~/lib/errors";
import { defaultLocale, isLocale, translate } from "~/lib/i18n";
import { roleGrants, users } from "../../../../db/schema";
import type { GrantableRole, Role } from "../permissions";
import type { UserRow } from "../users.server";
import { isVenueRole } from "./policy";

/**
 * The user a back-office action is about, locked for the rest of the transaction: two staff acting
 * on the same person at once are served one after the other, each seeing the other's result.
 */
export async function lockTarget(tx: Transaction, userId: string): Promise<{ row: UserRow; roles: Role[] }> {
	const [row] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
	if (!row) throw notFound("admin.errors.userNotFound");
	const grants = await tx.select({ role: roleGrants.role }).from(roleGrants).where(eq(roleGrants.userId, userId));
	return { row, roles: ["player", ...new Set(grants.map((grant) => grant.role))] };
}

export const conflict = (messageKey: string) => new AppError(409, "conflict", messageKey);

/** Venue roles belong to one venue; the others to none. */
export function assertVenueScope(role: GrantableRole, venueId: string | null | undefined): void {
	if (isVenueRole(role) && !venueId) throw badRequest("errors.validationFailed", { venueId: "admin.errors.venueIdRequired" });
	if (!isVenueRole(role) && venueId) throw badRequest("errors.validationFailed", { venueId: "admin.errors.venueIdNotAllowed" });
}

/** A role's name in the language the person reads the app in, for their notification. */
export function roleNameFor(row: UserRow, role: GrantableRole): string {
	return translate(isLocale(row.locale) ? row.locale : defaultLocale, `accounts.roles.${role}`);
}
