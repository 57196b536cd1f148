import { useTranslation } from "react-i18next";
import { requirePermission } from "~/modules/accounts/guards.server";
import { DrillForm } from "~/modules/learning/components/drill-form";
import { drillFormPage, drillIdOf, submitDrillForm } from "~/modules/learning/drill-pages.server";
import type { Route } from "./+types/drill";

/** One catalogue drill's form: `/admin/drills/new` adds one, `/admin/drills/:drillId` changes it. */
export async function loader({ request, params }: Route.LoaderArgs) {
	const session = await requirePermission(request, "manage:drill:any");
	return drillFormPage(request, { kind: "staff", staffId: session.user.id }, params);
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
