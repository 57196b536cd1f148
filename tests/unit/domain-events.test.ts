import { describe, expect, it } from "vitest";
import { domainEventNames, domainEventSchemas } from "../../jobs/events";
import { queues } from "../../jobs/queues";
import { deliveryQueue, subscribers, subscribersOf, subscriptions } from "../../jobs/subscriptions";

describe("the domain event registry", () => {
	it("gives every subscribing module a delivery queue of its own, with retries", () => {
		for (const subscriber of subscribers) {
			const queue = (queues as Record<string, { options: { retryLimit: number } }>)[deliveryQueue(subscriber)];
			expect(queue, `queue for ${subscriber}`).toBeDefined();
			expect(queue?.options.retryLimit).toBeGreaterThan(0);
		}
	});

	it("only subscribes to events the registry defines", () => {
		for (const subscriber of subscribers) {
			for (const name of Object.keys(subscriptions[subscriber])) expect(domainEventNames).toContain(name);
		}
	});

	it("hands an account deletion to booking, coaching and files, and a suspension to booking and coaching", () => {
		expect(subscribersOf("user.deleted").sort()).toEqual(["booking", "coaches", "files"]);
		expect(subscribersOf("user.suspended").sort()).toEqual(["booking", "coaches"]);
		expect(subscribersOf("no.such.event")).toEqual([]);
	});

	it("keeps personal data out of payloads: ids only", () => {
		expect(domainEventSchemas["user.deleted"].safeParse({ userId: crypto.randomUUID(), phone: "13800000001" }).success).toBe(
			false,
		);
		expect(domainEventSchemas["user.deleted"].safeParse({ userId: crypto.randomUUID() }).success).toBe(true);
	});
});
