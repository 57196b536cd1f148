import { useTranslation } from "react-i18next";
import { localeOfRequest, pageTitle } from "~/lib/i18n";
import { requireUser } from "~/modules/accounts/guards.server";
import { PrintButton } from "~/modules/learning/components/print-button";
import { ProgressReportView } from "~/modules/learning/components/progress-report";
import { readProgressReport } from "~/modules/learning/report.server";
import { ButtonLink } from "~/ui/button";
import type { Route } from "./+types/progress-report";

/** The player's own printable progress report (the same one a share link opens). */
export async function loader({ request }: Route.LoaderArgs) {
	const session = await requireUser(request);
	return {
		report: await readProgressReport(session.user.id, localeOfRequest(request)),
		title: pageTitle(request, "learning.sharing.report"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function MyProgressReport({ loaderData }: Route.ComponentProps) {
	const { t } = useTranslation();
	return (
		<ProgressReportView
			report={loaderData.report}
			actions={
				<>
					<PrintButton />
					<ButtonLink to="/me/progress" variant="secondary" size="sm">
						{t("learning.report.back")}
					</ButtonLink>
				</>
			}
		/>
	);
}
