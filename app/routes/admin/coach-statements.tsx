import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { pageTitle } from "~/lib/i18n";
import { formatFen } from "~/lib/money";
import { requirePermission } from "~/modules/accounts/guards.server";
import { can } from "~/modules/accounts/permissions";
import { quarterFrom } from "~/modules/payments/income/income-coach.server";
import { quarterReport } from "~/modules/payments/income/statements.server";
import { buttonClasses } from "~/ui/button";
import type { Route } from "./+types/coach-statements";

/**
 * /admin/income?quarter=YYYY-Qn: every coach's income and withdrawals of a quarter, for the finance
 * team's report. Real names are decrypted only for staff who may export them (admins); the ID
 * number is always masked to its last four.
 */
export async function loader({ request }: Route.LoaderArgs) {
	const session = await requirePermission(request, "read:income:any");
	const quarter = quarterFrom(request);
	const withIdentity = can(session.roles, "export:income:any");
	return {
		quarter,
		withIdentity,
		rows: await quarterReport(quarter, { withIdentity }),
		title: pageTitle(request, "income.admin.title"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function AdminCoachStatements({ loaderData }: Route.ComponentProps) {
	const { t, i18n } = useTranslation();
	const { quarter, withIdentity, rows } = loaderData;
	const money = (fen: number) => formatFen(fen, i18n.language);
	const cell = "border-b border-line px-3 py-2 text-left";
	const number = `${cell} text-right tabular-nums`;
	return (
		<div className="space-y-5">
			<div>
				<h1 className="text-2xl font-semibold sm:text-3xl">{t("income.admin.title")}</h1>
				<p className="mt-1 text-muted">{t("income.admin.intro")}</p>
			</div>
			<Form method="get" className="flex flex-wrap items-end gap-3">
				<label className="grid gap-1 text-sm">
					{t("income.admin.quarter")}
					<input
						name="quarter"
						defaultValue={quarter}
						pattern="\d{4}-Q[1-4]"
						className="h-11 rounded-xl bg-white px-3 ring-1 ring-line ring-inset"
					/>
				</label>
				<button type="submit" className={buttonClasses("secondary")}>
					{t("income.filters.apply")}
				</button>
				{withIdentity ? (
					<a href={`/admin/income/export.csv?quarter=${quarter}`} download className={buttonClasses("primary")}>
						{t("income.admin.export")}
					</a>
				) : (
					<p className="text-sm text-muted">{t("income.admin.noIdentity")}</p>
				)}
			</Form>
			{rows.length === 0 ? (
				<p className="rounded-2xl bg-white p-6 text-center text-muted">{t("income.admin.empty")}</p>
			) : (
				<div className="overflow-x-auto rounded-2xl bg-white shadow-(--shadow-card)">
					<table className="w-full min-w-[40rem] border-collapse text-sm" data-testid="quarter-report">
						<thead>
							<tr>
								<th className={cell}>{t("income.admin.columns.coach")}</th>
								{withIdentity ? <th className={cell}>{t("income.admin.columns.realName")}</th> : null}
								{withIdentity ? <th className={cell}>{t("income.admin.columns.idNumber")}</th> : null}
								<th className={number}>{t("income.admin.columns.order")}</th>
								<th className={number}>{t("income.admin.columns.tip")}</th>
								<th className={number}>{t("income.admin.columns.withdrawn")}</th>
								<th className={cell}>{t("income.admin.columns.statements")}</th>
							</tr>
						</thead>
						<tbody>
							{rows.map((row) => (
								<tr key={row.coachId}>
									<td className={cell}>{row.displayName}</td>
									{withIdentity ? <td className={cell}>{row.realName ?? "—"}</td> : null}
									{withIdentity ? <td className={`${cell} font-mono`}>{row.idNumberMasked ?? "—"}</td> : null}
									<td className={number}>{money(row.orderFen)}</td>
									<td className={number}>{money(row.tipFen)}</td>
									<td className={number}>{money(row.withdrawnFen)}</td>
									<td className={cell}>
										<Link to={`/admin/income/${row.coachId}`} className="font-medium text-cloth-700 hover:underline">
											{t("income.admin.statements")}
										</Link>
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</div>
			)}
		</div>
	);
}
