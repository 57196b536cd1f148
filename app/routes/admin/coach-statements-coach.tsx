import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { pageTitle } from "~/lib/i18n";
import { requirePermission } from "~/modules/accounts/guards.server";
import { MonthSheet, YearSheet } from "~/modules/payments/income/components/statement-sheets";
import { coachForStatements, periodFrom } from "~/modules/payments/income/income-coach.server";
import { monthStatement, yearStatement } from "~/modules/payments/income/statements.server";
import { buttonClasses } from "~/ui/button";
import type { Route } from "./+types/coach-statements-coach";

/** /admin/income/:coachId?month=&year=: one coach's statements as the coach sees them, for support and finance. */
export async function loader({ request, params }: Route.LoaderArgs) {
	await requirePermission(request, "read:income:any");
	const coach = await coachForStatements(params.coachId);
	const month = periodFrom(request, "month");
	const year = new URL(request.url).searchParams.get("year") ? periodFrom(request, "year") : month.slice(0, 4);
	return {
		coach: coach.displayName,
		month: await monthStatement(coach.coachId, month),
		year: await yearStatement(coach.coachId, year),
		title: pageTitle(request, "income.admin.title"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function AdminCoachStatementsOfCoach({ loaderData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const { coach, month, year } = loaderData;
	return (
		<div className="space-y-5">
			<Link to="/admin/income" className="text-sm text-muted hover:text-ink">
				← {t("income.admin.title")}
			</Link>
			<h1 className="text-2xl font-semibold">{t("income.admin.statementsTitle", { name: coach })}</h1>
			<Form method="get" className="flex flex-wrap items-end gap-3">
				<label className="grid gap-1 text-sm">
					{t("income.filters.month")}
					<input
						type="month"
						name="month"
						defaultValue={month.month}
						className="h-11 rounded-xl bg-white px-3 ring-1 ring-line ring-inset"
					/>
				</label>
				<button type="submit" className={buttonClasses("secondary")}>
					{t("income.filters.apply")}
				</button>
			</Form>
			<MonthSheet statement={month} coach={coach} />
			<YearSheet statement={year} coach={coach} />
		</div>
	);
}
