/**
 * The version of the user agreement and the privacy policy, shown on both pages and stored on each
 * user when they agree. Change it (to the new effective date) whenever either text changes in
 * substance: every signed-in user is then asked to agree again (decision 020).
 */
export const termsVersion = "2026-12-01";

/** Where users write about their personal information and the terms (shown on /terms, /privacy, /help). */
export const privacyContactEmail = "privacy@cuepal.cn";

/** The sections of each document, in reading order; their texts are `legal.<document>.sections.<id>`. */
export const termsSections = [
	"service",
	"account",
	"booking",
	"coach",
	"conduct",
	"liability",
	"changes",
	"law",
	"contact",
] as const;
export const privacySections = ["collect", "storage", "sharing", "rights", "security", "minors", "changes", "contact"] as const;
