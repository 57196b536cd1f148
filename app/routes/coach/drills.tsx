import { useTranslation } from "react-i18next";
import { pageTitle } from "~/lib/i18n";
import { requireUser } from "~/modules/accounts/guards.server";
import { CoachGate, CoachPage } from "~/modules/coaches/dashboard/coach-page";
import { getMyCoachStatus } from "~/modules/coaches/dashboard/get-dashboard.server";
import { DrillList } from "~/modules/learning/components/drill-list";
import { listEditableDrills } from "~/modules/learning/drill-editing.server";
import { coachDrillEditor, submitDrillRetirement } from "~/modules/learning/drill-pages.server";
import { ButtonLink } from "~/ui/button";
import { EmptyState } from "~/ui/empty-state";
import { FormAlert } from "~/ui/form-alert";
import type { Route } from "./+types/drills";

/** 我的训练项目: an approved coach's own drills (seen by them and in the records they write). */
export async function loader({ request }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const coach = await getMyCoachStatus(session.user.id);
	const editor = await coachDrillEditor(session.user.id);
	return {
		coach,
		approved: editor !== null,
		drills: editor ? await listEditableDrills(editor) : [],
		title: pageTitle(request, "learning.drillEditor.coachTitle"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request }: Route.ActionArgs) {
	const session = await requireUser(request);
	const editor = await coachDrillEditor(session.user.id);
	if (!editor) return { errors: { formError: "learning.drillEditor.errors.coachNotApproved" } };
	return submitDrillRetirement(request, editor, "/coach/drills");
}

export default function CoachDrills({ loaderData, actionData }: Route.ComponentProps) {
	const { t } = useTranslation();
	return (
		<CoachPage
			title={t("learning.drillEditor.coachTitle")}
			intro={t("learning.drillEditor.coachIntro")}
			aside={loaderData.approved ? <ButtonLink to="/coach/drills/new">{t("learning.drillEditor.add")}</ButtonLink> : null}
		>
			<CoachGate coach={loaderData.coach}>
				<FormAlert messageKey={actionData?.errors.formError} />
				{!loaderData.approved ? (
					<EmptyState icon="✎" title={t("learning.drillEditor.errors.coachNotApproved")} />
				) : loaderData.drills.length === 0 ? (
					<EmptyState icon="✎" title={t("learning.drillEditor.emptyOwn")} />
				) : (
					<DrillList drills={loaderData.drills} editPath={(id) => `/coach/drills/${id}`} />
				)}
			</CoachGate>
		</CoachPage>
	);
}
