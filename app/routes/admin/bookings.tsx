import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { loadFilteredList } from "~/lib/filtered-list.server";
import { pageTitle } from "~/lib/i18n";
import { KeysetPagination } from "~/modules/accounts/admin/components/keyset-pagination";
import { requirePermission } from "~/modules/accounts/guards.server";
import { listAllBookings } from "~/modules/booking/admin/list-all-bookings.server";
import { adminBookingFilterSchema } from "~/modules/booking/admin/schema";
import { lessonTime } from "~/modules/booking/components/orders/format";
import { OrderStatus, useOrderText } from "~/modules/booking/components/orders/order-facts";
import { bookingStatuses } from "~/modules/booking/lifecycle";
import { EmptyState } from "~/ui/empty-state";
import { Field } from "~/ui/field";
import { FilterForm, isFiltered, useFilterError } from "~/ui/filter-form";
import { Select } from "~/ui/select";
import type { Route } from "./+types/bookings";

const filterNames = ["status", "coachId", "playerId", "from", "to"] as const;

export async function loader({ request }: Route.LoaderArgs) {
	await requirePermission(request, "read:booking:any");
	const list = await loadFilteredList(request, filterNames, adminBookingFilterSchema, listAllBookings, {
		bookings: [],
		nextCursor: null,
	});
	return { title: pageTitle(request, "booking.admin.title"), ...list };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function AdminBookings({ loaderData }: Route.ComponentProps) {
	const { t, i18n } = useTranslation();
	const text = useOrderText();
	const { values, bookings, nextCursor, errors } = loaderData;
	const filtered = isFiltered(values);
	const error = useFilterError(errors);
	return (
		<div className="space-y-6">
			<div>
				<h1 className="text-2xl font-semibold sm:text-3xl">{t("booking.admin.title")}</h1>
				<p className="mt-1 text-muted">{t("booking.admin.body")}</p>
				{/* The cases that wait for a person: one tap from the list. */}
				<Link
					to="/admin/bookings?status=disputed"
					aria-current={values.status === "disputed" ? "page" : undefined}
					className="mt-3 inline-flex items-center rounded-full bg-red-50 px-3 py-1 text-sm font-medium text-danger ring-1 ring-red-200 hover:bg-red-100 aria-[current=page]:bg-danger aria-[current=page]:text-white"
				>
					{t("booking.completion.admin.filter")}
				</Link>
			</div>
			<FilterForm
				label={t("booking.admin.filters")}
				values={values}
				alert={errors.cursor}
				gridClassName="grid grid-cols-2 gap-3 lg:grid-cols-5 lg:items-start"
			>
				<Field className="col-span-2 lg:col-span-1" label={t("booking.admin.status")} error={error("status")}>
					{(wiring) => (
						<Select
							name="status"
							defaultValue={values.status}
							options={[
								{ value: "", label: t("booking.admin.any") },
								...bookingStatuses.map((status) => ({ value: status, label: t(`booking.orders.status.${status}`) })),
							]}
							{...wiring}
						/>
					)}
				</Field>
				<Field
					className="col-span-2 sm:col-span-1"
					label={t("booking.admin.coachId")}
					name="coachId"
					defaultValue={values.coachId}
					placeholder={t("booking.admin.idPlaceholder")}
					autoComplete="off"
					error={error("coachId")}
				/>
				<Field
					className="col-span-2 sm:col-span-1"
					label={t("booking.admin.playerId")}
					name="playerId"
					defaultValue={values.playerId}
					placeholder={t("booking.admin.idPlaceholder")}
					autoComplete="off"
					error={error("playerId")}
				/>
				<Field label={t("booking.admin.from")} type="date" name="from" defaultValue={values.from} error={error("from")} />
				<Field label={t("booking.admin.to")} type="date" name="to" defaultValue={values.to} error={error("to")} />
			</FilterForm>
			{bookings.length === 0 ? (
				<EmptyState
					icon="📅"
					title={t(filtered ? "booking.admin.noMatchTitle" : "booking.admin.emptyTitle")}
					body={t(filtered ? "booking.admin.noMatchBody" : "booking.admin.emptyBody")}
				/>
			) : (
				<section aria-label={t("booking.admin.results")}>
					<ul className="overflow-hidden rounded-3xl bg-white shadow-(--shadow-card)">
						{bookings.map((booking) => (
							<li key={booking.id} className="border-b border-line last:border-b-0">
								<Link
									to={`/admin/bookings/${booking.id}`}
									className="flex items-center gap-3 px-4 py-3.5 hover:bg-paper sm:gap-4 sm:px-5"
								>
									<span className="min-w-0 flex-1 sm:grid sm:grid-cols-[minmax(0,1.1fr)_minmax(0,1.2fr)_auto] sm:items-center sm:gap-4">
										<span className="flex min-w-0 flex-wrap items-center gap-2">
											<span className="font-medium tabular-nums">{lessonTime(booking, i18n.language)}</span>
											<OrderStatus status={booking.status} />
										</span>
										<span className="mt-0.5 block truncate text-sm text-muted sm:mt-0">
											{t("booking.admin.parties", { coach: booking.coach.displayName, player: booking.player.displayName })}
										</span>
										<span className="mt-0.5 block text-sm tabular-nums text-muted sm:mt-0 sm:text-right">
											{text.course(booking)} · {text.money(booking.priceFen)}
										</span>
									</span>
									<span aria-hidden className="text-muted">
										›
									</span>
								</Link>
							</li>
						))}
					</ul>
					<KeysetPagination nextCursor={nextCursor} />
				</section>
			)}
		</div>
	);
}
