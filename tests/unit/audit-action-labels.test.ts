import { describe, expect, it } from "vitest";
import { locales } from "~/lib/i18n";
import { resources } from "~/locales";
import { auditActions } from "~/modules/accounts/admin/schema";

/**
 * The back office's 操作日志 names each entry and each choice of its 操作类型 filter by the
 * action's label: an action without one shows staff its raw code ("review.photo.approved"), and
 * English falls back to the Chinese label. Every action the log can hold needs a label in both.
 */
describe("audit log action labels", () => {
	for (const locale of locales) {
		it(`name every audit action in ${locale}`, () => {
			const labels: unknown = resources[locale].translation.admin.audit.actions;
			const labelOf = (action: string) =>
				action.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], labels);
			expect(auditActions.filter((action) => typeof labelOf(action) !== "string")).toEqual([]);
		});
	}
});
