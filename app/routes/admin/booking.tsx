import { useTranslation } from "react-i18next";
import { data, Form, Link, useNavigation } from "react-router";
import { isAppError } from "~/lib/errors";
import { formFailure, parseForm } from "~/lib/form.server";
import { pageTitle } from "~/lib/i18n";
import { redirectWithToast } from "~/lib/toast.server";
import { formatShanghai } from "~/modules/accounts/admin/format";
import { requirePermission } from "~/modules/accounts/guards.server";
import { cancelBookingAsStaff } from "~/modules/booking/admin/cancel-booking-as-staff.server";
import { adminCancelSchema } from "~/modules/booking/admin/schema";
import { type CompletionFormOutcome, resolveDisputeFormAction } from "~/modules/booking/completion/completion-forms.server";
import { DisputeState } from "~/modules/booking/components/completion/dispute-state";
import { ResolveDisputeForm } from "~/modules/booking/components/completion/resolve-dispute-form";
import { lessonTime } from "~/modules/booking/components/orders/format";
import { OrderStatus, useOrderText } from "~/modules/booking/components/orders/order-facts";
import { OrderTimeline } from "~/modules/booking/components/orders/order-timeline";
import { nextStatus } from "~/modules/booking/lifecycle";
import { getBooking } from "~/modules/booking/read-bookings.server";
import { Button } from "~/ui/button";
import { Field } from "~/ui/field";
import { FormAlert } from "~/ui/form-alert";
import type { Route } from "./+types/booking";

const staff = (session: { user: { id: string }; roles: Parameters<typeof getBooking>[0]["caller"]["roles"] }) => ({
	userId: session.user.id,
	roles: session.roles,
	asStaff: true,
});

export async function loader({ request, params }: Route.LoaderArgs) {
	const session = await requirePermission(request, "read:booking:any");
	try {
		const { booking } = await getBooking({ caller: staff(session), bookingId: params.bookingId });
		return { booking, title: pageTitle(request, "booking.admin.detail.title") };
	} catch (error) {
		if (isAppError(error) && error.status === 404) throw data(null, { status: 404 });
		throw error;
	}
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

/** The back office cancels for the platform: a reason is required, the refund is in full. */
export async function action({ request, params }: Route.ActionArgs) {
	const session = await requirePermission(request, "cancel:booking:any");
	const form = await request.formData();
	if (form.get("intent") === "resolve-dispute")
		return resolveDisputeFormAction({ form, caller: staff(session), bookingId: params.bookingId });
	const parsed = parseForm(form, adminCancelSchema);
	if (!parsed.ok) return parsed.response;
	try {
		await cancelBookingAsStaff({ caller: staff(session), bookingId: params.bookingId, reason: parsed.data.reason });
	} catch (error) {
		return formFailure(error);
	}
	return redirectWithToast(`/admin/bookings/${params.bookingId}`, { kind: "success", messageKey: "booking.admin.cancel.done" });
}

export default function AdminBooking({ loaderData, actionData }: Route.ComponentProps) {
	const { t, i18n } = useTranslation();
	const text = useOrderText();
	const { booking } = loaderData;
	const navigation = useNavigation();
	const cancellable = nextStatus(booking.status, "cancel") !== null;
	const resolveOutcome =
		actionData && "intent" in actionData && actionData.intent === "resolve-dispute"
			? (actionData as CompletionFormOutcome)
			: undefined;
	const errors = resolveOutcome ? undefined : actionData?.errors;
	const dispute = booking.completion.dispute;
	const facts: Array<[string, string]> = [
		[t("booking.admin.detail.time"), lessonTime(booking, i18n.language)],
		[t("booking.admin.detail.lesson"), text.course(booking)],
		[t("booking.admin.detail.place"), text.place(booking)],
		[t("booking.admin.detail.coach"), booking.coach.displayName],
		[t("booking.admin.detail.player"), booking.player.displayName],
		[
			t("booking.admin.detail.amounts"),
			t("booking.admin.detail.amountsValue", {
				price: text.money(booking.priceFen),
				paid: text.money(booking.paidFen),
			}),
		],
		[t("booking.admin.detail.created"), formatShanghai(booking.createdAt)],
	];
	if (booking.refundFen !== null) facts.push([t("booking.admin.detail.refund"), text.money(booking.refundFen)]);
	if (booking.cancelReason) facts.push([t("booking.admin.detail.cancelReason"), booking.cancelReason]);
	if (booking.note) facts.push([t("booking.admin.detail.note"), booking.note]);
	return (
		<div className="space-y-5">
			<Link to="/admin/bookings" className="inline-flex items-center gap-1 text-sm text-cloth-700 hover:underline">
				<span aria-hidden>←</span> {t("booking.admin.detail.back")}
			</Link>
			<header className="space-y-1">
				<div className="flex flex-wrap items-center gap-2">
					<h1 className="text-2xl font-semibold">
						{t("booking.admin.parties", { coach: booking.coach.displayName, player: booking.player.displayName })}
					</h1>
					<OrderStatus status={booking.status} />
				</div>
				<p className="break-all text-xs text-muted">
					{t("booking.admin.detail.id")}: <span className="font-mono">{booking.id}</span>
				</p>
			</header>
			<div className="grid gap-5 lg:grid-cols-2 lg:items-start">
				<div className="space-y-5">
					<section aria-labelledby="facts" className="rounded-3xl bg-white p-5 shadow-(--shadow-card) sm:p-6">
						<h2 id="facts" className="text-lg font-semibold">
							{t("booking.admin.detail.facts")}
						</h2>
						<dl className="mt-3 divide-y divide-line">
							{facts.map(([label, value]) => (
								<div key={label} className="grid grid-cols-[7rem_1fr] gap-3 py-2.5 text-sm">
									<dt className="text-muted">{label}</dt>
									<dd className="break-words">{value}</dd>
								</div>
							))}
						</dl>
						<p className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm">
							<Link className="text-cloth-700 hover:underline" to={`/admin/users/${booking.player.id}`}>
								{t("booking.admin.detail.playerAccount")}
							</Link>
							<Link className="text-cloth-700 hover:underline" to={`/admin/bookings?coachId=${booking.coach.id}`}>
								{t("booking.admin.detail.coachBookings")}
							</Link>
						</p>
					</section>
					{dispute ? <DisputeState dispute={dispute} /> : null}
					{dispute && dispute.resolution === null && booking.status === "disputed" ? (
						<section
							aria-labelledby="resolve"
							className="rounded-3xl bg-white p-5 shadow-(--shadow-card) ring-2 ring-wood-500/40 sm:p-6"
						>
							<h2 id="resolve" className="text-lg font-semibold">
								{t("booking.completion.admin.title")}
							</h2>
							<ResolveDisputeForm
								paidFen={booking.paidFen}
								errors={resolveOutcome?.errors}
								values={resolveOutcome?.values}
								busy={navigation.state === "submitting" && navigation.formData?.get("intent") === "resolve-dispute"}
							/>
						</section>
					) : null}
					<section aria-labelledby="cancel" className="rounded-3xl bg-white p-5 shadow-(--shadow-card) sm:p-6">
						<h2 id="cancel" className="text-lg font-semibold">
							{t("booking.admin.cancel.title")}
						</h2>
						{cancellable ? (
							<Form method="post" className="mt-3 space-y-3">
								<p className="text-sm text-muted">{t("booking.admin.cancel.body")}</p>
								<FormAlert messageKey={errors?.formError} params={errors?.params} />
								<Field
									label={t("booking.admin.cancel.reason")}
									name="reason"
									required
									minLength={2}
									maxLength={300}
									autoComplete="off"
									error={errors?.fields?.reason ? t(errors.fields.reason) : null}
								/>
								<Button type="submit" variant="danger" busy={navigation.state === "submitting"}>
									{t("booking.admin.cancel.submit")}
								</Button>
							</Form>
						) : (
							<p className="mt-2 text-sm text-muted">{t("booking.admin.cancel.notNow")}</p>
						)}
					</section>
				</div>
				<section aria-labelledby="timeline" className="rounded-3xl bg-white p-5 shadow-(--shadow-card) sm:p-6">
					<h2 id="timeline" className="mb-4 text-lg font-semibold">
						{t("booking.admin.detail.timeline")}
					</h2>
					<OrderTimeline events={booking.events} />
				</section>
			</div>
		</div>
	);
}
