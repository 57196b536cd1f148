import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { pageTitle } from "~/lib/i18n";
import { formatFen } from "~/lib/money";
import { requirePermission } from "~/modules/accounts/guards.server";
import { trialBalanceQuerySchema } from "~/modules/payments/admin/schema";
import { accountRefs, trialBalance } from "~/modules/payments/admin/trial-balance.server";
import { cn } from "~/ui/cn";
import { Pagination } from "~/ui/pagination";
import type { Route } from "./+types/ledger";

/** The trial balance is finance's: the same permission as reconciliation (admins). */
export async function loader({ request }: Route.LoaderArgs) {
	await requirePermission(request, "reconcile:payment:any");
	const searchParams = new URL(request.url).searchParams;
	// A bad account or page in the address just shows the balance without an expanded account.
	const parsed = trialBalanceQuerySchema.safeParse({
		account: searchParams.get("account") ?? "",
		page: searchParams.get("page") ?? undefined,
	});
	const query = parsed.success ? parsed.data : { account: undefined, page: 1 };
	const [balance, refs] = await Promise.all([
		trialBalance(),
		query.account ? accountRefs(query.account, query.page) : Promise.resolve(null),
	]);
	return { ...balance, refs, title: pageTitle(request, "payments.ledger.title") };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

const card = "rounded-3xl bg-white p-5 shadow-(--shadow-card) sm:p-6";

export default function AdminLedger({ loaderData }: Route.ComponentProps) {
	const { t, i18n } = useTranslation();
	const money = (fen: number) => (fen < 0 ? `−${formatFen(-fen, i18n.language)}` : formatFen(fen, i18n.language));
	const { accounts, totalFen, debitFen, creditFen, check, refs } = loaderData;
	const balanced = totalFen === 0 && check.breaks.length === 0;
	const pages = refs ? Math.max(1, Math.ceil(refs.total / refs.pageSize)) : 1;
	return (
		<div className="space-y-6">
			<div>
				<h1 className="text-2xl font-semibold sm:text-3xl">{t("payments.ledger.title")}</h1>
				<p className="mt-1 text-muted">{t("payments.ledger.body")}</p>
			</div>
			<section
				aria-labelledby="check"
				className={cn(card, balanced ? "ring-1 ring-cloth-200" : "ring-2 ring-red-300")}
				role={balanced ? undefined : "alert"}
			>
				<div className="flex flex-wrap items-baseline justify-between gap-2">
					<h2 id="check" className="text-lg font-semibold">
						{t("payments.ledger.check")}
					</h2>
					<p className="text-sm">
						{t("payments.ledger.total")}:{" "}
						<span className={cn("text-xl font-semibold tabular-nums", totalFen === 0 ? "text-cloth-800" : "text-danger")}>
							{money(totalFen)}
						</span>{" "}
						<span className={totalFen === 0 ? "text-cloth-700" : "text-danger"}>
							{t(totalFen === 0 ? "payments.ledger.totalOk" : "payments.ledger.totalBroken")}
						</span>
					</p>
				</div>
				{check.breaks.length === 0 ? (
					<p className="mt-2 text-sm text-cloth-700">
						✓ {t("payments.ledger.checkOk", { journals: check.journals, entries: check.entries })}
					</p>
				) : (
					<div className="mt-2 text-sm text-danger">
						<p className="font-medium">{t("payments.ledger.checkBroken", { count: check.breaks.length })}</p>
						<ul className="mt-1 list-disc space-y-0.5 pl-5">
							{check.breaks.map((entry, index) => (
								<li key={`${entry.check}-${index}`} className="break-words">
									<span className="font-mono">{entry.check}</span>: {entry.detail}
								</li>
							))}
						</ul>
					</div>
				)}
			</section>
			<section aria-label={t("payments.ledger.title")} className="overflow-hidden rounded-3xl bg-white shadow-(--shadow-card)">
				<div className="overflow-x-auto">
					<table className="w-full text-sm">
						<thead className="bg-paper text-left text-xs text-muted">
							<tr>
								<th className="px-4 py-2.5 font-normal sm:px-5">{t("payments.ledger.account")}</th>
								<th className="px-2 py-2.5 text-right font-normal sm:px-3">{t("payments.ledger.debit")}</th>
								<th className="px-2 py-2.5 text-right font-normal sm:px-3">{t("payments.ledger.credit")}</th>
								<th className="px-4 py-2.5 text-right font-normal sm:px-5">{t("payments.ledger.balance")}</th>
							</tr>
						</thead>
						<tbody className="divide-y divide-line">
							{accounts.map((entry) => {
								const open = refs?.account === entry.account;
								return (
									<Fragment key={entry.account}>
										<tr className={open ? "bg-cloth-50/60" : undefined}>
											<td className="px-4 py-3 sm:px-5">
												<span className="font-medium">
													{t(`payments.ledger.accounts.${entry.account}`, { defaultValue: entry.account })}
												</span>
												<span className="block text-xs text-muted">
													{entry.refs > 0 ? (
														<Link
															to={open ? "/admin/ledger" : `/admin/ledger?account=${entry.account}`}
															preventScrollReset
															aria-expanded={open}
															className="text-cloth-700 hover:underline"
														>
															{t("payments.ledger.refs", { count: entry.refs })} ·{" "}
															{t(open ? "payments.ledger.hideRefs" : "payments.ledger.showRefs")}
														</Link>
													) : (
														t("payments.ledger.empty")
													)}
												</span>
											</td>
											<td className="px-2 py-3 text-right whitespace-nowrap tabular-nums sm:px-3">{money(entry.debitFen)}</td>
											<td className="px-2 py-3 text-right whitespace-nowrap tabular-nums sm:px-3">{money(entry.creditFen)}</td>
											<td className="px-4 py-3 text-right font-medium whitespace-nowrap tabular-nums sm:px-5">
												{money(entry.balanceFen)}
											</td>
										</tr>
										{open && refs ? (
											<tr>
												<td colSpan={4} className="bg-paper/60 px-4 py-3 sm:px-5">
													<table className="w-full text-xs">
														<thead className="text-left text-muted">
															<tr>
																<th className="py-1 pr-2 font-normal">{t("payments.ledger.ref")}</th>
																<th className="py-1 pr-2 text-right font-normal">{t("payments.ledger.debit")}</th>
																<th className="py-1 pr-2 text-right font-normal">{t("payments.ledger.credit")}</th>
																<th className="py-1 text-right font-normal">{t("payments.ledger.balance")}</th>
															</tr>
														</thead>
														<tbody className="divide-y divide-line">
															{refs.refs.map((row) => (
																<tr key={row.ref}>
																	<td className="max-w-[12rem] truncate py-1.5 pr-2 font-mono" title={row.ref}>
																		{entry.account === "booking_escrow" && row.ref ? (
																			<Link to={`/admin/bookings/${row.ref}`} className="text-cloth-700 hover:underline">
																				{row.ref}
																			</Link>
																		) : (
																			row.ref || t("payments.ledger.noRef")
																		)}
																	</td>
																	<td className="py-1.5 pr-2 text-right whitespace-nowrap tabular-nums">{money(row.debitFen)}</td>
																	<td className="py-1.5 pr-2 text-right whitespace-nowrap tabular-nums">
																		{money(row.creditFen)}
																	</td>
																	<td className="py-1.5 text-right whitespace-nowrap tabular-nums">{money(row.balanceFen)}</td>
																</tr>
															))}
														</tbody>
													</table>
													{pages > 1 ? (
														<div className="mt-2">
															<Pagination
																previous={refs.page > 1 ? { page: String(refs.page - 1) } : null}
																next={refs.page < pages ? { page: String(refs.page + 1) } : null}
																label={t("payments.ledger.pageOf", { page: refs.page, pages })}
															/>
														</div>
													) : null}
												</td>
											</tr>
										) : null}
									</Fragment>
								);
							})}
						</tbody>
						<tfoot className="border-t-2 border-line font-semibold">
							<tr>
								<td className="px-4 py-3 sm:px-5">{t("payments.ledger.total")}</td>
								<td className="px-2 py-3 text-right whitespace-nowrap tabular-nums sm:px-3">{money(debitFen)}</td>
								<td className="px-2 py-3 text-right whitespace-nowrap tabular-nums sm:px-3">{money(creditFen)}</td>
								<td className="px-4 py-3 text-right whitespace-nowrap tabular-nums sm:px-5">{money(totalFen)}</td>
							</tr>
						</tfoot>
					</table>
				</div>
			</section>
		</div>
	);
}
