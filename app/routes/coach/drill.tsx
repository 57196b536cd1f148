import { useTranslation } from "react-i18next";
import { data } from "react-router";
import { requireUser } from "~/modules/accounts/guards.server";
import { CoachPage } from "~/modules/coaches/dashboard/coach-page";
import { DrillForm } from "~/modules/learning/components/drill-form";
import { coachDrillEditor, drillFormPage, drillIdOf, submitDrillForm } from "~/modules/learning/drill-pages.server";
import type { Route } from "./+types/drill";

/** One of the coach's own drills: `/coach/drills/new` adds one, `/coach/drills/:drillId` changes it (404 if not theirs). */
async function editorOf(request: Request) {
	const session = await requireUser(request);
	const editor = await coachDrillEditor(session.user.id);
	if (!editor) throw data({ code: "forbidden" }, { status: 403 });
	return editor;
}

export async function loader({ request, params }: Route.LoaderArgs) {
	const editor = await editorOf(request);
	return drillFormPage(request, editor, params);
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, params }: Route.ActionArgs) {
	return submitDrillForm(request, await editorOf(request), drillIdOf(params), "/coach/drills");
}

export default function CoachDrill({ loaderData, actionData }: Route.ComponentProps) {
	const { t } = useTranslation();
	return (
		<CoachPage title={t(loaderData.editing ? "learning.drillEditor.editTitle" : "learning.drillEditor.newTitle")}>
			<DrillForm
				values={actionData?.values ?? loaderData.values}
				errors={actionData?.errors}
				listPath="/coach/drills"
				inUse={loaderData.inUse}
			/>
		</CoachPage>
	);
}
