import { z } from "zod";
import { courseTypes, disciplines } from "~/modules/coaches/catalog";
import { getPublicCoachProfile, type PublicCoachProfile } from "~/modules/coaches/profile/get-public-profile.server";
import { coachBadges } from "~/modules/coaches/profile/preferred-badge";
import { coachSearchSchema, searchSorts } from "~/modules/coaches/search/schema";
import { searchCoaches } from "~/modules/coaches/search/search-coaches.server";
import { defineEndpoint } from "../endpoint";

const offeringSchema = z.object({
	id: z.string().uuid(),
	courseType: z.enum(courseTypes),
	durationMinutes: z.number().int(),
	priceFen: z.number().int(),
	online: z.boolean(),
});

const cardSchema = z.object({
	id: z.string().uuid(),
	displayName: z.string(),
	distanceKm: z.number().nullable(),
	level: z.string().nullable(),
	disciplines: z.array(z.enum(disciplines)),
	gender: z.enum(["male", "female"]).nullable(),
	yearsExperience: z.number().nullable(),
	priceFromFen: z.number().int().describe("The price of cheapestOffering, in fen"),
	cheapestOffering: offeringSchema.omit({ id: true }),
	rating: z.number().nullable(),
	ratingCount: z.number().int(),
	acceptingBookings: z.boolean(),
	offersOnline: z.boolean(),
	badges: z.array(z.enum(coachBadges)).describe("preferred: 优选教练, recomputed daily"),
	photoUrl: z.string().nullable(),
	approvedAt: z.string(),
	nextFreeAt: z.string().nullable().describe("The next bookable start (ISO 8601) within 30 days, or null"),
});

const distanceSchema = z.number().nullable().describe("km from lat/lng when given, else null");

/** Everything a player sees on a profile: only what was verified (approved photos, certificates, video). */
const profileSchema = z.object({
	id: z.string().uuid(),
	displayName: z.string(),
	gender: z.enum(["male", "female"]).nullable(),
	level: z.string().nullable(),
	disciplines: z.array(z.enum(disciplines)),
	yearsExperience: z.number().nullable(),
	styleTags: z.array(z.string()),
	bio: z.string().nullable(),
	badges: z.array(z.enum(coachBadges)).describe("preferred: 优选教练, recomputed daily"),
	certificates: z.array(z.object({ issuer: z.string(), level: z.string() })),
	photos: z.array(z.object({ id: z.string(), thumbUrl: z.string(), cardUrl: z.string(), fullUrl: z.string() })),
	introVideoUrl: z.string().nullable().describe("The approved intro video; none while only an unreviewed one exists"),
	offerings: z.array(offeringSchema),
	places: z.array(
		z.object({
			id: z.string(),
			name: z.string(),
			address: z.string().nullable(),
			latitude: z.number(),
			longitude: z.number(),
			distanceKm: distanceSchema,
		}),
	),
	serviceArea: z
		.object({
			latitude: z.number(),
			longitude: z.number(),
			radiusKm: z.number(),
			cityCode: z.string().nullable(),
			distanceKm: distanceSchema,
		})
		.nullable()
		.describe("Where the coach comes to teach: a centre and a radius"),
	city: z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() }).nullable(),
	cancellationPolicy: z.enum(["flexible", "moderate", "strict"]),
	acceptingBookings: z.boolean(),
	rating: z
		.object({ average: z.number(), count: z.number().int(), bayesian: z.number() })
		.nullable()
		.describe("Published reviews: mean, count, and the Bayesian average 评分最高 sorts by; null before the first"),
	reliability: z
		.object({
			acceptanceRate: z.number().nullable().describe("accepted / (answered + unanswered), 0–1; null under the minimum count"),
			medianAnswerMinutes: z
				.number()
				.int()
				.nullable()
				.describe("From payment to the coach's answer; null under the minimum count"),
			coachCancellations: z.number().int(),
			coachNoShows: z.number().int().describe("Disputes 'the lesson did not happen' decided for the player"),
			bookings90d: z.number().int().describe("Booking requests the coach had to answer in the last 90 days"),
			enoughData: z.boolean().describe("false under RELIABILITY_MIN_BOOKINGS requests: show 数据不足"),
		})
		.describe("The last 90 days of bookings, kept up to date by booking events and a daily job"),
	approvedAt: z.string(),
}) satisfies z.ZodType<PublicCoachProfile>;

export const listCoaches = defineEndpoint({
	method: "get",
	path: "/coaches",
	summary: "Search approved coaches near a point or a city, with filters, sorted, by keyset pages",
	tag: "coaches",
	query: coachSearchSchema,
	responses: {
		200: {
			description: "A page of coaches; pass nextCursor as cursor for the next one",
			schema: z.object({
				items: z.array(cardSchema),
				nextCursor: z.string().nullable(),
				origin: z
					.object({
						latitude: z.number(),
						longitude: z.number(),
						radiusKm: z.number(),
						cityCode: z.string().nullable(),
					})
					.nullable()
					.describe("Where distances are measured from (the given point, or the city's centre); null without either"),
				sort: z.enum(searchSorts).describe("The order applied: the one asked for, else distance with a place, else newest"),
			}),
		},
		400: { description: "A parameter is invalid; error.fields names it" },
	},
	handler: async ({ query }) => {
		const result = await searchCoaches(query);
		return { body: { items: result.items, nextCursor: result.nextCursor, origin: result.origin, sort: result.sort } };
	},
});

export const getCoach = defineEndpoint({
	method: "get",
	path: "/coaches/:coachId",
	summary: "A coach's public profile with offerings and prices; distances when lat/lng are given",
	tag: "coaches",
	params: z.object({ coachId: z.string().uuid("errors.notFound") }),
	query: z.object({
		lat: z.coerce.number().min(-90, "coaches.errors.latitude").max(90, "coaches.errors.latitude").optional(),
		lng: z.coerce.number().min(-180, "coaches.errors.longitude").max(180, "coaches.errors.longitude").optional(),
	}),
	responses: {
		200: {
			description: "The profile",
			schema: profileSchema,
		},
		404: { description: "Unknown, not approved or suspended" },
	},
	handler: async ({ params, query }) => {
		const viewer = query.lat !== undefined && query.lng !== undefined ? { latitude: query.lat, longitude: query.lng } : undefined;
		return { body: await getPublicCoachProfile(params.coachId, viewer) };
	},
});
