import { describe, expect, it } from "vitest";
import { resultCache } from "~/modules/coaches/search/result-cache.server";

describe("recent search results", () => {
	it("answers the same search from memory until it expires, then asks again", async () => {
		const cache = resultCache<number>({ maxEntries: 10 });
		let loads = 0;
		const load = async () => ++loads;
		expect(await cache.get("shanghai", 40, load)).toBe(1);
		expect(await cache.get("shanghai", 40, load)).toBe(1);
		expect(await cache.get("beijing", 40, load)).toBe(2);
		await new Promise((resolve) => setTimeout(resolve, 60));
		expect(await cache.get("shanghai", 40, load)).toBe(3);
	});

	it("runs identical searches in flight once", async () => {
		const cache = resultCache<string>({ maxEntries: 10 });
		let loads = 0;
		const slow = () => new Promise<string>((resolve) => setTimeout(() => resolve(`result ${++loads}`), 20));
		const answers = await Promise.all([cache.get("k", 1000, slow), cache.get("k", 1000, slow), cache.get("k", 1000, slow)]);
		expect(answers).toEqual(["result 1", "result 1", "result 1"]);
		expect(loads).toBe(1);
	});

	it("does not remember a failure", async () => {
		const cache = resultCache<string>({ maxEntries: 10 });
		await expect(cache.get("k", 1000, () => Promise.reject(new Error("database away")))).rejects.toThrow("database away");
		expect(await cache.get("k", 1000, async () => "back")).toBe("back");
	});

	it("keeps at most maxEntries searches, dropping the oldest", async () => {
		const cache = resultCache<string>({ maxEntries: 2 });
		await cache.get("a", 1000, async () => "a1");
		await cache.get("b", 1000, async () => "b1");
		await cache.get("c", 1000, async () => "c1");
		expect(await cache.get("a", 1000, async () => "a2")).toBe("a2");
		expect(await cache.get("c", 1000, async () => "c2")).toBe("c1");
	});
});
