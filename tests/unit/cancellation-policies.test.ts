import { describe, expect, it } from "vitest";
import { resources } from "~/locales";
import { cancellationPolicies, cancellationTerms } from "~/modules/coaches/offerings/cancellation-policies";

/**
 * The words a coach picks a preset by, and a player reads on the profile, must state the hours the
 * refund function will apply: a mismatch is a refund dispute waiting to happen.
 */
describe("cancellation policy wording", () => {
	for (const policy of cancellationPolicies) {
		const terms = cancellationTerms[policy];
		it(`${policy}: both languages name the full-refund and partial-refund hours in force`, () => {
			const zh = resources["zh-CN"].translation.coaching.offerings.policies[policy].body;
			const en = resources.en.translation.coaching.offerings.policies[policy].body;
			expect(zh).toContain(`${terms.fullRefundHours} 小时`);
			expect(en).toContain(`${terms.fullRefundHours} hours`);
			expect(zh).toContain(`${terms.partialRefundPercent}%`);
			expect(en).toContain(`${terms.partialRefundPercent}%`);
			if (terms.partialRefundHours > 0) {
				expect(zh).toContain(`${terms.partialRefundHours} 小时内取消不退款`);
				expect(en).toContain(`last ${terms.partialRefundHours} hours`);
			}
		});
	}
});
