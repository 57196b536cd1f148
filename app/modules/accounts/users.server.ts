import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { blindIndex, decryptOrNull, encrypt } from "~/lib/crypto.server";
import { type DbOrTx, db } from "~/lib/db.server";
import { sealedIn } from "~/lib/encrypted-columns.server";
import { termsVersion } from "~/modules/legal/documents";
import { roleGrants, users } from "../../../db/schema";
import type { GrantableRole, Role } from "./permissions";

export type UserRow = typeof users.$inferSelect;

export const phoneIndex = (phone: string) => blindIndex("phone", phone);
export const emailIndex = (email: string) => blindIndex("email", email.trim().toLowerCase());

export interface PublicUser {
	id: string;
	displayName: string;
	phone: string | null;
	email: string | null;
	emailVerified: boolean;
	status: UserRow["status"];
	locale: string;
	roles: Role[];
	venueRoles: Array<{ role: GrantableRole; venueId: string }>;
	twoFactorEnabled: boolean;
	hasPassword: boolean;
	createdAt: string;
}

export async function findUserByPhone(phone: string, tx: DbOrTx = db()): Promise<UserRow | undefined> {
	const [row] = await tx
		.select()
		.from(users)
		.where(eq(users.phoneIndex, phoneIndex(phone)))
		.limit(1);
	return row;
}

export async function findUserByEmail(email: string, tx: DbOrTx = db()): Promise<UserRow | undefined> {
	const [row] = await tx
		.select()
		.from(users)
		.where(eq(users.emailIndex, emailIndex(email)))
		.limit(1);
	return row;
}

export async function findUserById(id: string, tx: DbOrTx = db()): Promise<UserRow | undefined> {
	const [row] = await tx.select().from(users).where(eq(users.id, id)).limit(1);
	return row;
}

/** Several accounts in one round trip, by id (absent ids are simply missing from the map). */
export async function findUsersByIds(ids: readonly string[], tx: DbOrTx = db()): Promise<Map<string, UserRow>> {
	if (ids.length === 0) return new Map();
	const rows = await tx
		.select()
		.from(users)
		.where(inArray(users.id, [...new Set(ids)]));
	return new Map(rows.map((row) => [row.id, row]));
}

/**
 * A new account. Every way in that creates one (SMS, email, social sign-up) first refuses a user
 * who did not agree to the current terms (`assertAgreedToCurrentTerms`), so the account starts
 * with that agreement: `termsVersion` defaults to the current version, recorded with the time.
 */
export async function createUser(
	input: {
		displayName: string;
		phone?: string;
		email?: string;
		emailVerified?: boolean;
		passwordHash?: string;
		locale?: string;
		termsVersion?: string;
	},
	tx: DbOrTx = db(),
): Promise<UserRow> {
	// The id is part of each ciphertext's binding, so it is chosen before the insert.
	const id = randomUUID();
	const [row] = await tx
		.insert(users)
		.values({
			id,
			displayName: input.displayName,
			phoneEnc: input.phone ? encrypt(input.phone, sealedIn(users.phoneEnc, id)) : null,
			phoneIndex: input.phone ? phoneIndex(input.phone) : null,
			emailEnc: input.email ? encrypt(input.email.trim().toLowerCase(), sealedIn(users.emailEnc, id)) : null,
			emailIndex: input.email ? emailIndex(input.email) : null,
			emailVerifiedAt: input.email && input.emailVerified ? new Date() : null,
			passwordHash: input.passwordHash ?? null,
			locale: input.locale ?? "zh-CN",
			termsVersion: input.termsVersion ?? termsVersion,
			termsAcceptedAt: new Date(),
		})
		.returning();
	if (!row) throw new Error("user insert returned nothing");
	return row;
}

export async function rolesOf(userId: string, tx: DbOrTx = db()) {
	return rolesOfGrants(await tx.select().from(roleGrants).where(eq(roleGrants.userId, userId)));
}

/** Everyone is a player; the grants add the rest, venue roles with their venue. */
export function rolesOfGrants(grants: ReadonlyArray<{ role: GrantableRole; venueId: string | null }>) {
	const roleSet = new Set<Role>(["player"]);
	for (const grant of grants) roleSet.add(grant.role);
	return {
		roles: [...roleSet],
		venueRoles: grants.filter((grant) => grant.venueId).map((grant) => ({ role: grant.role, venueId: grant.venueId as string })),
	};
}

export async function toPublicUser(row: UserRow, tx: DbOrTx = db()): Promise<PublicUser> {
	const { roles, venueRoles } = await rolesOf(row.id, tx);
	return {
		id: row.id,
		displayName: row.displayName,
		phone: decryptOrNull(row.phoneEnc, sealedIn(users.phoneEnc, row.id)),
		email: decryptOrNull(row.emailEnc, sealedIn(users.emailEnc, row.id)),
		emailVerified: Boolean(row.emailVerifiedAt),
		status: row.status,
		locale: row.locale,
		roles,
		venueRoles,
		twoFactorEnabled: Boolean(row.totpEnabledAt),
		hasPassword: Boolean(row.passwordHash),
		createdAt: row.createdAt.toISOString(),
	};
}

/** Adds a role grant unless the user already holds it (for that venue). */
export async function addRoleGrant(
	input: { userId: string; role: GrantableRole; venueId?: string | null; grantedBy?: string | null },
	tx: DbOrTx = db(),
): Promise<boolean> {
	const existing = await tx
		.select({ id: roleGrants.id })
		.from(roleGrants)
		.where(
			and(
				eq(roleGrants.userId, input.userId),
				eq(roleGrants.role, input.role),
				input.venueId ? eq(roleGrants.venueId, input.venueId) : isNull(roleGrants.venueId),
			),
		)
		.limit(1);
	if (existing.length > 0) return false;
	await tx.insert(roleGrants).values({
		userId: input.userId,
		role: input.role,
		venueId: input.venueId ?? null,
		grantedBy: input.grantedBy ?? null,
	});
	return true;
}
