import { inArray } from "drizzle-orm";
import { decryptOrNull } from "~/lib/crypto.server";
import { type DbOrTx, db } from "~/lib/db.server";
import { sealedIn } from "~/lib/encrypted-columns.server";
import { roleGrants, users } from "../../../../db/schema";
import type { Role } from "../permissions";
import { maskPhone } from "../phone";
import type { UserRow } from "../users.server";

/**
 * How the back office shows a person: enough to recognise them, not more. Phone and email are
 * masked (staff confirm a caller by searching the full value, which the blind index matches), and
 * a deleted account shows no personal data at all.
 */
export interface AdminUserSummary {
	id: string;
	displayName: string | null;
	phoneMasked: string | null;
	emailMasked: string | null;
	status: UserRow["status"];
	roles: Role[];
	createdAt: string;
}

export function maskEmail(email: string): string {
	const [local = "", domain = ""] = email.split("@");
	const shown = local.length <= 2 ? local.slice(0, 1) : local.slice(0, 2);
	return `${shown}***@${domain}`;
}

export function summarise(row: UserRow, roles: Role[]): AdminUserSummary {
	const deleted = row.status === "deleted";
	const phone = deleted ? null : decryptOrNull(row.phoneEnc, sealedIn(users.phoneEnc, row.id));
	const email = deleted ? null : decryptOrNull(row.emailEnc, sealedIn(users.emailEnc, row.id));
	return {
		id: row.id,
		displayName: deleted ? null : row.displayName,
		phoneMasked: phone ? maskPhone(phone) : null,
		emailMasked: email ? maskEmail(email) : null,
		status: row.status,
		roles,
		createdAt: row.createdAt.toISOString(),
	};
}

/** The roles of many users in one query (every user is a player). */
export async function rolesOfMany(userIds: string[], tx: DbOrTx = db()): Promise<Map<string, Role[]>> {
	const byUser = new Map<string, Role[]>(userIds.map((id) => [id, ["player"]]));
	if (userIds.length === 0) return byUser;
	const grants = await tx
		.select({ userId: roleGrants.userId, role: roleGrants.role })
		.from(roleGrants)
		.where(inArray(roleGrants.userId, userIds));
	for (const grant of grants) {
		const list = byUser.get(grant.userId);
		if (list && !list.includes(grant.role)) list.push(grant.role);
	}
	return byUser;
}
