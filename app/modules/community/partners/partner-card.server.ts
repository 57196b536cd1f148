import { eq } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { badRequest } from "~/lib/errors";
import { districtsOf } from "~/modules/places/districts";
import { partnerCards } from "../../../../db/schema";
import type { PartnerCardInput } from "./schema";
import type { UsualTime } from "./vocabulary";

export interface MyPartnerCard {
	discipline: PartnerCardInput["discipline"];
	selfLevel: number;
	shareLearningLevel: boolean;
	cityCode: string;
	district: string;
	usualTimes: UsualTime[];
	open: boolean;
}

/**
 * A player opts in to the finder (or changes their card). The district must be one of the bundled
 * districts of the city: its centre is what is stored and searched by, never where the player is.
 */
export async function savePartnerCard(userId: string, input: PartnerCardInput): Promise<MyPartnerCard> {
	const district = districtsOf(input.cityCode).find((candidate) => candidate.name === input.district);
	if (!district) throw badRequest("social.partners.errors.district", { district: "social.partners.errors.district" });
	const values = {
		discipline: input.discipline,
		selfLevel: input.selfLevel,
		shareLearningLevel: input.shareLearningLevel,
		cityCode: district.cityCode,
		district: district.name,
		districtLatitude: district.latitude,
		districtLongitude: district.longitude,
		usualTimes: [...new Set(input.usualTimes)],
		open: input.open,
		updatedAt: new Date(),
	};
	await db()
		.insert(partnerCards)
		.values({ userId, ...values })
		.onConflictDoUpdate({ target: partnerCards.userId, set: values });
	return cardOf(values);
}

export async function readMyPartnerCard(userId: string): Promise<MyPartnerCard | null> {
	const [row] = await db().select().from(partnerCards).where(eq(partnerCards.userId, userId));
	return row ? cardOf(row) : null;
}

function cardOf(
	row: Omit<typeof partnerCards.$inferSelect, "userId" | "hiddenAt" | "updatedAt" | "districtLatitude" | "districtLongitude">,
): MyPartnerCard {
	return {
		discipline: row.discipline,
		selfLevel: row.selfLevel,
		shareLearningLevel: row.shareLearningLevel,
		cityCode: row.cityCode,
		district: row.district,
		usualTimes: row.usualTimes as UsualTime[],
		open: row.open,
	};
}
