import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** Waits until React has hydrated the page, so clicks reach their handlers. */
export async function waitForHydration(page: Page): Promise<void> {
	await page.waitForFunction(() =>
		Boolean((window as unknown as { __reactRouterRouteModules?: unknown }).__reactRouterRouteModules),
	);
}

/** Every page a test visits must have no serious or critical accessibility violations. */
export async function expectAccessible(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page }).analyze();
	const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
	expect(
		serious.map(
			(violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`,
		),
	).toEqual([]);
}
