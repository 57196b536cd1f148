import { db } from "~/lib/db.server";
import { badRequest } from "~/lib/errors";
import { practiceSessions } from "../../../db/schema";
import { knownDrills } from "./drills.server";
import type { PracticeInput } from "./schema";
import { roundPoints } from "./skill-level";
import { applyContribution } from "./totals.server";

/**
 * A player's own practice session against a catalogue drill: kept, and added to their totals in
 * the same transaction. A ladder's score is its final position, so it cannot pass the ladder's top.
 */
export async function logPractice(input: { playerId: string; practice: PracticeInput; now?: Date }) {
	const now = input.now ?? new Date();
	const { practice } = input;
	const drill = (await knownDrills([{ id: practice.drillId, field: "drillId" }], undefined, { usableBy: { coachId: null } })).get(
		practice.drillId,
	);
	if (!drill) throw badRequest("learning.errors.unknownDrill", { drillId: "learning.errors.unknownDrill" });
	const top = drill.scoring.ladderPositions;
	if (practice.score !== undefined && top !== null && (practice.score < 1 || practice.score > top)) {
		throw badRequest("learning.errors.ladderScore", { score: "learning.errors.ladderScore" });
	}
	return db().transaction(async (tx) => {
		const [session] = await tx
			.insert(practiceSessions)
			.values({
				playerId: input.playerId,
				drillId: drill.id,
				discipline: drill.discipline,
				attempts: practice.attempts,
				made: practice.made,
				score: practice.score ?? null,
				practisedAt: now,
			})
			.returning({ id: practiceSessions.id, practisedAt: practiceSessions.practisedAt });
		const skill = drill.skills[0];
		await applyContribution(
			tx,
			{
				playerId: input.playerId,
				discipline: drill.discipline,
				day: now,
				lessons: 0,
				minutes: 0,
				shots: skill ? [{ skill, attempts: practice.attempts, made: practice.made }] : [],
				errors: {},
				drillRounds: [roundPoints({ ...practice, difficulty: drill.difficulty, ladderPositions: top })],
			},
			1,
		);
		return { id: session?.id as string, drillId: drill.id, discipline: drill.discipline, practisedAt: now };
	});
}
