import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * Waits until React has hydrated the page, so clicks reach their handlers. React Router's
 * `__reactRouterRouteModules` is not enough: its inline script sets it before it even imports
 * the client entry, so on a busy machine clicks landed on a page React had not taken over yet
 * (and forms were sent the slow, full-page way). React tags each element with its fiber when it
 * hydrates it, the <html> element last, and commits in the same task: once <html> carries one,
 * the whole page is React's.
 */
export async function waitForHydration(page: Page): Promise<void> {
	await page.waitForFunction(
		() =>
			Boolean((window as unknown as { __reactRouterDataRouter?: unknown }).__reactRouterDataRouter) &&
			Object.keys(document.documentElement).some((key) => key.startsWith("__reactFiber$")),
	);
}

/**
 * Every page a test visits must have no serious or critical accessibility violations. `within`
 * checks only the part of a page that changed since it was checked whole: a scan costs seconds
 * per thousand elements on a busy machine, and the coach's hours page alone has ~2,800 options.
 */
export async function expectAccessible(page: Page, within?: string): Promise<void> {
	const builder = new AxeBuilder({ page });
	if (within) builder.include(within);
	const results = await builder.analyze();
	const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
	expect(
		serious.map(
			(violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`,
		),
	).toEqual([]);
}
