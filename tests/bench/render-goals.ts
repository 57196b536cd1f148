/**
 * Issue 12.1's render goals: requests/s of a page as a fraction of the reference page's
 * (tests/bench/reference/, scenario `reference-page`) in the same run, so that the machine's
 * load, shared by everyone, cancels out.
 */
export const referencePageName = "reference-page";

export const renderGoals: ReadonlyArray<{ target: string; label: string; atLeast: number }> = [
	{ target: "coach-search-page", label: "search page", atLeast: 0.5 },
	{ target: "coach-profile-page", label: "coach profile", atLeast: 0.6 },
	{ target: "authenticated-page", label: "/me", atLeast: 0.7 },
	{ target: "booking-page", label: "booking page /me/bookings/:id", atLeast: 0.7 },
	{ target: "home-uncached", label: "signed-out home, cache off", atLeast: 0.9 },
];

export interface RenderRatio {
	target: string;
	label: string;
	goal: number;
	ratio: number | null;
	met: boolean;
}

/** The goals' ratios for the targets measured; null when the page or the reference was not. */
export function renderRatios(targets: Record<string, { rps: number }>): RenderRatio[] {
	const reference = targets[referencePageName]?.rps;
	if (!reference) return [];
	return renderGoals
		.filter((goal) => targets[goal.target])
		.map((goal) => {
			const rps = targets[goal.target]?.rps ?? 0;
			const ratio = Math.round((rps / reference) * 100) / 100;
			return { target: goal.target, label: goal.label, goal: goal.atLeast, ratio, met: ratio >= goal.atLeast };
		});
}
