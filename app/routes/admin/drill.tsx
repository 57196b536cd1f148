import { useTranslation } from "react-i18next";
import { pageTitle } from "~/lib/i18n";
import { orPageError } from "~/lib/page-errors.server";
import { requirePermission } from "~/modules/accounts/guards.server";
import { DrillForm, formValuesOfDrill } from "~/modules/learning/components/drill-form";
import { getEditableDrill } from "~/modules/learning/drill-editing.server";
import { drillIdSchema } from "~/modules/learning/drill-input";
import { submitDrillForm } from "~/modules/learning/drill-pages.server";
import { drillIsInUse } from "~/modules/learning/drills.server";
import type { Route } from "./+types/drill";

/** One catalogue drill's form: `/admin/drills/new` adds one, `/admin/drills/:drillId` changes it. */
const drillIdOf = (params: { drillId?: string }) => {
	if (!params.drillId) return null;
	const parsed = drillIdSchema.safeParse(params.drillId);
	return parsed.success ? parsed.data : "-";
};

export async function loader({ request, params }: Route.LoaderArgs) {
	const session = await requirePermission(request, "manage:drill:any");
	const drillId = drillIdOf(params);
	const drill = drillId ? await orPageError(getEditableDrill({ kind: "staff", staffId: session.user.id }, drillId)) : null;
	return {
		values: drill ? formValuesOfDrill(drill) : {},
		inUse: drill ? await drillIsInUse(drill.id) : false,
		editing: drill !== null,
		title: pageTitle(request, drill ? "learning.drillEditor.editTitle" : "learning.drillEditor.newTitle"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, params }: Route.ActionArgs) {
	const session = await requirePermission(request, "manage:drill:any");
	return submitDrillForm(request, { kind: "staff", staffId: session.user.id }, drillIdOf(params), "/admin/drills");
}

export default function AdminDrill({ loaderData, actionData }: Route.ComponentProps) {
	const { t } = useTranslation();
	return (
		<div className="mx-auto max-w-3xl space-y-5">
			<h1 className="text-2xl font-semibold sm:text-3xl">
				{t(loaderData.editing ? "learning.drillEditor.editTitle" : "learning.drillEditor.newTitle")}
			</h1>
			<DrillForm
				values={actionData?.values ?? loaderData.values}
				errors={actionData?.errors}
				listPath="/admin/drills"
				inUse={loaderData.inUse}
			/>
		</div>
	);
}
