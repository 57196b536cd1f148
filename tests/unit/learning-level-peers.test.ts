import { describe, expect, it } from "vitest";
import { minPeerGroup, peerComparison } from "~/modules/learning/peer-comparison";
import { choosePlan, skillTeaching, targetRate } from "~/modules/learning/plan";
import { levelOf, reliableScoredDrills, roundPoints, skillLevel } from "~/modules/learning/skill-level";
import { skillRate } from "~/modules/learning/wilson";

describe("the peer comparison's k-anonymity threshold", () => {
	it("says nothing about a group of 19 other players, however the numbers fall", () => {
		expect(minPeerGroup).toBe(20);
		expect(peerComparison({ peers: 19, below: 12 })).toBeNull();
		expect(peerComparison({ peers: 0, below: 0 })).toBeNull();
	});

	it("gives the share below from 20 players on", () => {
		expect(peerComparison({ peers: 20, below: 12 })).toEqual({ percentBelow: 60, peers: 20 });
		expect(peerComparison({ peers: 50, below: 31 })).toEqual({ percentBelow: 62, peers: 50 });
	});
});

describe("the skill level from drill scores", () => {
	it("scores a round by difficulty and share made, a ladder by the position reached", () => {
		expect(roundPoints({ difficulty: 3, attempts: 10, made: 7, ladderPositions: null })).toBe(2700);
		expect(roundPoints({ difficulty: 2, attempts: 10, made: 4, score: 3, ladderPositions: 6 })).toBe(1500);
		// A ladder round without a score falls back to the share made.
		expect(roundPoints({ difficulty: 2, attempts: 10, made: 4, ladderPositions: 6 })).toBe(1400);
	});

	it("is the average's whole part plus one, from 1 to 5, and none without a scored drill", () => {
		expect(levelOf(0, 0)).toBeNull();
		expect(levelOf(500, 1)).toBe(1);
		expect(levelOf(2700, 1)).toBe(3);
		expect(levelOf(5000 * 4, 4)).toBe(5);
	});

	it("is provisional (暂定) under 10 scored drills", () => {
		expect(reliableScoredDrills).toBe(10);
		expect(skillLevel(9 * 1500, 9)).toEqual({ level: 2, scoredDrills: 9, provisional: true });
		expect(skillLevel(10 * 1500, 10)).toEqual({ level: 2, scoredDrills: 10, provisional: false });
	});
});

describe("the plan's target and teaching", () => {
	it("aims at the player's own average, at least five points up, in steps of 5%, at most 95%", () => {
		expect(targetRate(0.41, 0.63)).toBe(0.65);
		expect(targetRate(0.6, 0.62)).toBe(0.65);
		expect(targetRate(0.93, 0.95)).toBe(0.95);
	});

	it("carries the target and the course type that teaches the weak skill", () => {
		const standings = [
			{ skill: "long_shots" as const, ...skillRate(24, 58) },
			{ skill: "straight_shots" as const, ...skillRate(60, 80) },
			{ skill: "safety" as const, ...skillRate(15, 40) },
		];
		const plan = choosePlan(standings, [{ id: "long-1", skills: ["long_shots"], difficulty: 2 }]);
		expect(plan.map((item) => item.skill)).toEqual(["safety", "long_shots"]);
		// Average 99/178 = 56%: long shots at 41% aim for 60%.
		expect(plan[1]?.target).toBe(0.6);
		expect(skillTeaching.safety.courseType).toBe("match_simulation");
		expect(skillTeaching.long_shots.courseType).toBe("basic");
	});
});
