import { eq } from "drizzle-orm";
import { type DbOrTx, db } from "~/lib/db.server";
import { AppError } from "~/lib/errors";
import { termsVersion } from "~/modules/legal/documents";
import { users } from "../../../db/schema";
import type { UserRow } from "./users.server";

export { termsVersion };

/** The API's refusal of a signed-in user who has not agreed to the current version. */
export const consentRequiredError = () => consentRequired("legal.consent.interstitial.body", { version: termsVersion });

function consentRequired(messageKey: string, params?: Record<string, string>): AppError {
	return new AppError(403, "consent_required", messageKey, {
		params,
		...(params ? {} : { fields: { agreeTerms: messageKey } }),
		extra: { termsVersion },
	});
}

/**
 * Refuses (403 `consent_required`, with the current version) unless the user agreed to the
 * current version: nothing is created for someone who did not agree, or agreed to an older text.
 */
export function assertAgreedToCurrentTerms(agreedVersion: string | undefined): string {
	if (!agreedVersion) throw consentRequired("legal.consent.required");
	if (agreedVersion !== termsVersion) throw consentRequired("legal.consent.staleVersion");
	return agreedVersion;
}

/** Pages a user who has not agreed yet can still open: the documents themselves, signing out, leaving (account deletion). */
const openWithoutConsent = ["/consent", "/terms", "/privacy", "/about", "/help", "/logout", "/set-language", "/me/security"];

/**
 * The interstitial's address for a signed-in page view of a user who has not agreed to the
 * current version, remembering where they were; null when no consent is needed there.
 */
export function consentRedirectFor(request: Request, user: Pick<UserRow, "termsVersion">): string | null {
	if (!needsConsent(user)) return null;
	const url = new URL(request.url);
	if (openWithoutConsent.some((path) => url.pathname === path || url.pathname.startsWith(`${path}/`))) return null;
	return `/consent?redirectTo=${encodeURIComponent(`${url.pathname}${url.search}`)}`;
}

/** True while the user has not agreed to the current version (never, or an older one). */
export function needsConsent(user: Pick<UserRow, "termsVersion">): boolean {
	return user.termsVersion !== termsVersion;
}

/** Records the user's agreement to the current version, and when. */
export async function recordConsent(input: { userId: string; version: string | undefined }, tx: DbOrTx = db()) {
	const version = assertAgreedToCurrentTerms(input.version);
	const acceptedAt = new Date();
	await tx.update(users).set({ termsVersion: version, termsAcceptedAt: acceptedAt }).where(eq(users.id, input.userId));
	return { termsVersion: version, acceptedAt };
}
