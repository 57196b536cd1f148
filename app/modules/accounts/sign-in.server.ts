import { and, eq, ne } from "drizzle-orm";
import { type DbOrTx, db } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import { sessions, users } from "../../../db/schema";
import { describeDevice, describePlace } from "./device";
import { notify } from "./notifications.server";
import { type ClientInfo, createSession } from "./sessions.server";
import { type PublicUser, toPublicUser, type UserRow } from "./users.server";

export interface SignInResult {
	token: string;
	expiresAt: Date;
	user: PublicUser;
	/** True when the account has a second factor: the session works only after /login/two-factor. */
	secondFactorRequired: boolean;
}

/** Refuses suspended and deleted accounts with a message saying so. */
export function assertCanSignIn(user: UserRow): void {
	if (user.status === "suspended") throw new AppError(403, "forbidden", "accounts.errors.suspended");
	if (user.status === "deleted") throw new AppError(401, "unauthorized", "accounts.errors.credentialsInvalid");
}

/**
 * The last step of every way in: a session (pending its second factor if the account has one),
 * and a notice when the sign-in comes from a device and network this account has not used.
 */
export async function finishSignIn(user: UserRow, client: ClientInfo, tx: DbOrTx = db()): Promise<SignInResult> {
	assertCanSignIn(user);
	const device = describeDevice(client.userAgent);
	const place = describePlace(client.ip);
	const known = await tx
		.select({ userAgent: sessions.userAgent, place: sessions.place })
		.from(sessions)
		.where(and(eq(sessions.userId, user.id), ne(sessions.id, "")));
	const seenBefore = known.some((session) => describeDevice(session.userAgent) === device && session.place === place);
	const secondFactorRequired = Boolean(user.totpEnabledAt);
	const session = await createSession(user.id, client, { secondFactorPending: secondFactorRequired }, tx);
	if (known.length > 0 && !seenBefore) {
		await notify({ userId: user.id, kind: "newDevice", params: { device: device || "?", place }, link: "/me/security" }, tx);
	}
	await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
	return { token: session.token, expiresAt: session.expiresAt, user: await toPublicUser(user, tx), secondFactorRequired };
}
