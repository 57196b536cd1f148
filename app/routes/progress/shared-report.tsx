import { data } from "react-router";
import { localeOfRequest, pageTitle } from "~/lib/i18n";
import { PrintButton } from "~/modules/learning/components/print-button";
import { ProgressReportView } from "~/modules/learning/components/progress-report";
import { readProgressReport } from "~/modules/learning/report.server";
import { playerOfReportLink } from "~/modules/learning/sharing.server";
import type { Route } from "./+types/shared-report";

/**
 * A progress report opened from the player's share link: no sign-in; an unknown or revoked link
 * is a plain 404. Kept out of search engines, since the link is the only key.
 */
export async function loader({ request, params }: Route.LoaderArgs) {
	const playerId = await playerOfReportLink(params.token);
	if (!playerId) throw data(null, { status: 404 });
	return {
		report: await readProgressReport(playerId, localeOfRequest(request)),
		title: pageTitle(request, "learning.sharing.report"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
	{ title: loaderData?.title },
	{ name: "robots", content: "noindex, nofollow" },
	{ name: "referrer", content: "no-referrer" },
];

export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" });

export default function SharedProgressReport({ loaderData }: Route.ComponentProps) {
	return <ProgressReportView report={loaderData.report} actions={<PrintButton />} />;
}
