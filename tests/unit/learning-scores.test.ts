import { describe, expect, it } from "vitest";
import { scoreLadder } from "~/modules/learning/ladder";
import { choosePlan } from "~/modules/learning/plan";
import { skillRate, wilsonLowerBound } from "~/modules/learning/wilson";

const make = true;
const miss = false;

describe("the progressive ladder", () => {
	it("moves one position up on a make and one down on a miss, never below 1", () => {
		expect(scoreLadder([make, make, miss, make, miss, miss, miss, miss, make, make], 6)).toEqual({
			finalPosition: 3,
			makes: 5,
			makesAtTop: 0,
		});
	});

	it("counts the makes taken at the top, where a make stays at the top", () => {
		// Up to 6 after five makes, then three makes at the top, a miss (to 5) and a make (back to 6).
		const shots = [make, make, make, make, make, make, make, make, miss, make];
		expect(scoreLadder(shots, 6)).toEqual({ finalPosition: 6, makes: 9, makesAtTop: 3 });
	});

	it("ends at 1 after ten misses", () => {
		expect(scoreLadder(Array(10).fill(miss), 6)).toEqual({ finalPosition: 1, makes: 0, makesAtTop: 0 });
	});
});

describe("the Wilson lower bound", () => {
	it("matches the published interval and ranks a long record above a lucky short one", () => {
		expect(wilsonLowerBound(81, 100)).toBeCloseTo(0.7222, 3);
		expect(wilsonLowerBound(0, 10)).toBe(0);
		expect(wilsonLowerBound(0, 0)).toBe(0);
		expect(wilsonLowerBound(3, 3)).toBeLessThan(wilsonLowerBound(60, 70));
	});

	it("gives no bound under 30 attempts (数据不足), and one from 30", () => {
		expect(skillRate(20, 29)).toMatchObject({ enoughData: false, lowerBound: null, attempted: 29 });
		expect(skillRate(20, 30).enoughData).toBe(true);
		expect(skillRate(20, 30).lowerBound).toBeCloseTo(0.488, 2);
	});
});

describe("the training plan", () => {
	const standing = (skill: string, made: number, attempted: number) => ({
		skill: skill as never,
		...skillRate(made, attempted),
	});
	const drills = [
		{ id: "cut-hard", skills: ["cut_shots"], difficulty: 4 },
		{ id: "cut-easy", skills: ["cut_shots"], difficulty: 2 },
		{ id: "long", skills: ["long_shots", "straight_shots"], difficulty: 2 },
	];

	it("names the two weakest skills with enough data, below the player's average, with drills easiest first", () => {
		const plan = choosePlan(
			[
				standing("straight_shots", 80, 100),
				standing("cut_shots", 24, 58),
				standing("long_shots", 20, 40),
				standing("draw", 0, 10),
			],
			drills,
		);
		expect(plan.map((item) => item.skill)).toEqual(["cut_shots", "long_shots"]);
		expect(plan[0]?.drillIds).toEqual(["cut-easy", "cut-hard"]);
		expect(plan[0]?.attempted).toBe(58);
		expect(plan[0]?.average).toBeCloseTo(124 / 198, 5);
	});

	it("suggests nothing without two skills of 30 attempts", () => {
		expect(choosePlan([standing("cut_shots", 5, 29), standing("long_shots", 20, 40)], drills)).toEqual([]);
	});
});
