import { useTranslation } from "react-i18next";
import { pageTitle } from "~/lib/i18n";
import { requirePermission } from "~/modules/accounts/guards.server";
import { DrillList } from "~/modules/learning/components/drill-list";
import { listEditableDrills } from "~/modules/learning/drill-editing.server";
import { submitDrillRetirement } from "~/modules/learning/drill-pages.server";
import { ButtonLink } from "~/ui/button";
import { EmptyState } from "~/ui/empty-state";
import { FormAlert } from "~/ui/form-alert";
import type { Route } from "./+types/drills";

/** 训练项目库: the platform's drills by discipline, for admins to add, change and retire (audited). */
export async function loader({ request }: Route.LoaderArgs) {
	const session = await requirePermission(request, "manage:drill:any");
	return {
		drills: await listEditableDrills({ kind: "staff", staffId: session.user.id }),
		title: pageTitle(request, "learning.drillEditor.adminTitle"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request }: Route.ActionArgs) {
	const session = await requirePermission(request, "manage:drill:any");
	return submitDrillRetirement(request, { kind: "staff", staffId: session.user.id }, "/admin/drills");
}

export default function AdminDrills({ loaderData, actionData }: Route.ComponentProps) {
	const { t } = useTranslation();
	return (
		<div className="space-y-5">
			<header className="flex flex-wrap items-end justify-between gap-3">
				<div>
					<h1 className="text-2xl font-semibold sm:text-3xl">{t("learning.drillEditor.adminTitle")}</h1>
					<p className="mt-1 max-w-3xl text-muted">{t("learning.drillEditor.adminIntro")}</p>
				</div>
				<ButtonLink to="/admin/drills/new">{t("learning.drillEditor.add")}</ButtonLink>
			</header>
			<FormAlert messageKey={actionData?.errors.formError} />
			{loaderData.drills.length === 0 ? (
				<EmptyState icon="∅" title={t("learning.drillEditor.empty")} />
			) : (
				<DrillList drills={loaderData.drills} editPath={(id) => `/admin/drills/${id}`} />
			)}
		</div>
	);
}
