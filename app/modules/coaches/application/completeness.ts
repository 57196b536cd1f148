/**
 * What an application still needs before it can go to review, as field name → i18n key; the
 * names are the paths of `PUT /api/v1/coach/application`, so a client shows each beside its field.
 * Certificates are optional: without one there is simply no certificate badge.
 */
export interface ApplicationFacts {
	hasRealName: boolean;
	hasIdNumber: boolean;
	gender: string | null;
	disciplines: readonly string[];
	level: string | null;
	yearsExperience: number | null;
	bio: string | null;
	cityCode: string | null;
	placeCount: number;
	serviceRadiusKm: number | null;
	/** Photos not rejected (pending or approved). */
	photoCount: number;
}

export const minBioLength = 10;

export function missingForSubmit(facts: ApplicationFacts): Record<string, string> {
	const missing: Record<string, string> = {};
	if (!facts.hasRealName) missing["identity.realName"] = "coaching.errors.realNameRequired";
	if (!facts.hasIdNumber) missing["identity.idNumber"] = "coaching.errors.idNumberRequired";
	if (!facts.gender) missing["identity.gender"] = "coaching.errors.genderRequired";
	if (facts.disciplines.length === 0) missing["profile.disciplines"] = "coaching.errors.disciplinesRequired";
	if (!facts.level) missing["profile.level"] = "coaching.errors.levelRequired";
	if (facts.yearsExperience === null) missing["profile.yearsExperience"] = "coaching.errors.yearsRequired";
	if ([...(facts.bio ?? "").trim()].length < minBioLength) missing["profile.bio"] = "coaching.errors.bioRequired";
	if (facts.photoCount === 0) missing.photos = "coaching.errors.photoRequired";
	if (!facts.cityCode) missing["area.cityCode"] = "coaching.errors.cityRequired";
	if (facts.placeCount === 0 && !facts.serviceRadiusKm) missing.places = "coaching.errors.whereRequired";
	return missing;
}

/**
 * The sections submitting waits for, each with the names `missingForSubmit` reports for it; the
 * keys are the section anchors of the apply page.
 */
export const requiredSections = {
	identity: ["identity.realName", "identity.idNumber", "identity.gender"],
	profile: ["profile.disciplines", "profile.level", "profile.yearsExperience", "profile.bio"],
	photos: ["photos"],
	where: ["area.cityCode", "places"],
} as const satisfies Record<string, readonly string[]>;
export type RequiredSection = keyof typeof requiredSections;

/** Whether nothing `missingForSubmit` reported belongs to this section. */
export const sectionComplete = (missing: Record<string, string>, section: RequiredSection): boolean =>
	requiredSections[section].every((field) => !missing[field]);

/** The required section a missing field belongs to, if any. */
export const sectionOfField = (field: string): RequiredSection | undefined =>
	(Object.keys(requiredSections) as RequiredSection[]).find((section) =>
		(requiredSections[section] as readonly string[]).includes(field),
	);
