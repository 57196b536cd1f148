import { z } from "zod";
import { disciplines } from "~/modules/coaches/catalog";
import { invitationNoteLimit, partnerLevels, searchRadiusKm, usualTimes } from "./vocabulary";

/** Partner-finder inputs: one schema each, shared by the pages, their actions and the API. */
const level = z.coerce
	.number("social.partners.errors.level")
	.int("social.partners.errors.level")
	.min(partnerLevels[0], "social.partners.errors.level")
	.max(partnerLevels[partnerLevels.length - 1] as number, "social.partners.errors.level");

const checkbox = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());

export const partnerCardSchema = z.object({
	discipline: z.enum(disciplines, "social.partners.errors.discipline"),
	selfLevel: level,
	shareLearningLevel: checkbox.default(false),
	cityCode: z.string("social.partners.errors.district").trim().min(1, "social.partners.errors.district").max(40),
	district: z.string("social.partners.errors.district").trim().min(1, "social.partners.errors.district").max(40),
	// A form sends one value per checked box, the API an array.
	usualTimes: z.preprocess(
		(value) => (typeof value === "string" ? [value] : value),
		z
			.array(z.enum(usualTimes, "social.partners.errors.usualTimes"), "social.partners.errors.usualTimes")
			.min(1, "social.partners.errors.usualTimes")
			.max(usualTimes.length),
	),
	open: checkbox.default(true),
});
export type PartnerCardInput = z.infer<typeof partnerCardSchema>;

export const partnerSearchSchema = z
	.object({
		lat: z.coerce
			.number("social.partners.errors.point")
			.min(-90, "social.partners.errors.point")
			.max(90, "social.partners.errors.point"),
		lng: z.coerce
			.number("social.partners.errors.point")
			.min(-180, "social.partners.errors.point")
			.max(180, "social.partners.errors.point"),
		discipline: z.enum(disciplines, "social.partners.errors.discipline"),
		minLevel: level.optional(),
		maxLevel: level.optional(),
		radiusKm: z.coerce.number().int().min(1).max(searchRadiusKm).default(searchRadiusKm),
	})
	.refine((query) => query.minLevel === undefined || query.maxLevel === undefined || query.minLevel <= query.maxLevel, {
		message: "social.partners.errors.levelRange",
		path: ["maxLevel"],
	});
export type PartnerSearch = z.infer<typeof partnerSearchSchema>;

export const invitationInputSchema = z.object({
	toUserId: z.string("errors.notFound").uuid("social.partners.errors.notFound"),
	note: z
		.string("social.partners.errors.noteEmpty")
		.trim()
		.min(1, "social.partners.errors.noteEmpty")
		.max(invitationNoteLimit, "social.partners.errors.noteTooLong"),
});
export type InvitationInput = z.infer<typeof invitationInputSchema>;

export const invitationAnswerSchema = z.object({
	answer: z.enum(["accept", "decline"], "social.partners.errors.answer"),
});
