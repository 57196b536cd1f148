import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import { db } from "~/lib/db.server";
import { coaches, coachOfferings } from "../../../db/schema";
import { skillTeaching } from "./plan";
import type { Discipline, Skill } from "./vocabulary";

/**
 * Up to three approved coaches for a plan's skill: teaching the discipline, certificate verified,
 * offering the course type that teaches the skill, and with a teaching-style tag that speaks to it;
 * best rated first. One indexed query per plan item (the plan has two at most).
 */
export async function coachesForSkill(discipline: Discipline, skill: Skill) {
	const { courseType, styleTags } = skillTeaching[skill];
	const tags = sql`array[${sql.join(
		styleTags.map((tag) => sql`${tag}`),
		sql`, `,
	)}]::text[]`;
	return db()
		.select({ id: coaches.id, displayName: coaches.displayName, styleTags: coaches.styleTags })
		.from(coaches)
		.where(
			and(
				eq(coaches.status, "approved"),
				isNotNull(coaches.certificateVerifiedAt),
				sql`${coaches.disciplines} @> array[${discipline}]::discipline[]`,
				sql`${coaches.styleTags} && ${tags}`,
				sql`exists (select 1 from ${coachOfferings} where ${coachOfferings.coachId} = ${coaches.id} and ${coachOfferings.courseType} = ${courseType})`,
			),
		)
		.orderBy(desc(coaches.ratingBayesian), coaches.id)
		.limit(3);
}
