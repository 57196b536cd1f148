import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { loadFilteredList } from "~/lib/filtered-list.server";
import { pageTitle } from "~/lib/i18n";
import { ResultList } from "~/modules/accounts/admin/components/result-list";
import { requirePermission } from "~/modules/accounts/guards.server";
import { listAllBookings } from "~/modules/booking/admin/list-all-bookings.server";
import { adminBookingFilterSchema } from "~/modules/booking/admin/schema";
import { lessonTime } from "~/modules/booking/components/orders/format";
import { OrderStatus, useOrderText } from "~/modules/booking/components/orders/order-facts";
import { bookingStatuses } from "~/modules/booking/lifecycle";
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
			<ResultList
				label={t("booking.admin.results")}
				items={bookings}
				href={(booking) => `/admin/bookings/${booking.id}`}
				columns="sm:grid-cols-[minmax(0,1.1fr)_minmax(0,1.2fr)_auto]"
				nextCursor={nextCursor}
				empty={{
					icon: "📅",
					title: t(filtered ? "booking.admin.noMatchTitle" : "booking.admin.emptyTitle"),
					body: t(filtered ? "booking.admin.noMatchBody" : "booking.admin.emptyBody"),
				}}
			>
				{(booking) => (
					<>
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
					</>
				)}
			</ResultList>
		</div>
	);
}
