import { useTranslation } from "react-i18next";
import { data, Link, useNavigation } from "react-router";
import { z } from "zod";
import { isAppError } from "~/lib/errors";
import { type FormErrors, formErrorsOf } from "~/lib/form.server";
import { pageTitle } from "~/lib/i18n";
import { formatFen } from "~/lib/money";
import { orPageError } from "~/lib/page-errors.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireUser } from "~/modules/accounts/guards.server";
import type { Caller } from "~/modules/booking/booking-record.server";
import { cancelBooking, quoteCancellation } from "~/modules/booking/cancel-booking.server";
import type { CancellationOutcome } from "~/modules/booking/cancellation";
import { changeAction, changePanelFor } from "~/modules/booking/change-actions.server";
import { isChangeIntent } from "~/modules/booking/change-intents";
import { completionChoices } from "~/modules/booking/completion/completion";
import { type CompletionFormOutcome, completionFormAction } from "~/modules/booking/completion/completion-forms.server";
import { placeLabel } from "~/modules/booking/components/booking-card";
import { BookingTimeline } from "~/modules/booking/components/booking-timeline";
import { CancelPanel } from "~/modules/booking/components/cancel-panel";
import { ChangeCard } from "~/modules/booking/components/change-card";
import { ConfirmLessonCard } from "~/modules/booking/components/completion/confirm-lesson-card";
import { DisputeForm } from "~/modules/booking/components/completion/dispute-form";
import { DisputeState } from "~/modules/booking/components/completion/dispute-state";
import { LessonTime } from "~/modules/booking/components/lesson-time";
import { PayCountdown } from "~/modules/booking/components/pay-countdown";
import { ProposeChange } from "~/modules/booking/components/propose-change";
import { StatusChip } from "~/modules/booking/components/status-chip";
import { formatDateTime } from "~/modules/booking/components/time-format";
import { nextStatus } from "~/modules/booking/lifecycle";
import { RecordingsList } from "~/modules/booking/online-lesson/components/recordings-list";
import { offersClassroom } from "~/modules/booking/online-lesson/room";
import { getBooking } from "~/modules/booking/read-bookings.server";
import { cancelSchema } from "~/modules/booking/schema";
import { courseTypeNames } from "~/modules/coaches/catalog";
import { LessonRecordCard } from "~/modules/learning/components/lesson-record-card";
import { readLessonRecord } from "~/modules/learning/lesson-record.server";
import { balanceDue } from "~/modules/payments/amount-due";
import { BookingPayments } from "~/modules/payments/components/booking-payments";
import { paymentsOfBooking } from "~/modules/payments/read-payment.server";
import { ButtonLink } from "~/ui/button";
import type { Route } from "./+types/booking";

/** The player's own booking only: the coach has the orders pages, and anyone else gets the 404 page. */
async function ownBooking(caller: Caller, bookingId: string) {
	const { booking, party } = await orPageError(getBooking({ caller, bookingId }));
	if (party !== "player") throw data({ code: "not_found" }, { status: 404 });
	return booking;
}

export async function loader({ request, params }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const caller = { userId: session.user.id, roles: session.roles };
	const booking = await ownBooking(caller, params.bookingId);
	const cancellable = nextStatus(booking.status, "cancel") !== null;
	const wantsCancel = new URL(request.url).searchParams.get("cancel") === "1";
	const quote = cancellable && wantsCancel ? await quoteCancellation({ caller, bookingId: booking.id }) : null;
	// Another free time for a confirmed lesson (the coach accepts or declines).
	const changePanel = await changePanelFor(booking, "player", request);
	const afterLesson = completionChoices(booking, new Date());
	return {
		booking,
		cancellable,
		quote,
		afterLesson: {
			...afterLesson,
			wantsDispute: afterLesson.mayDispute && new URL(request.url).searchParams.get("dispute") === "1",
		},
		changePanel,
		balanceDueFen: balanceDue(booking),
		payments: await paymentsOfBooking({ caller, bookingId: booking.id }),
		// The coach's lesson record, once the lesson completed (the learning module keeps it).
		lessonRecord: booking.status === "completed" ? await readLessonRecord(booking.id) : null,
		secondsLeft: booking.payBy ? Math.max(0, Math.floor((Date.parse(booking.payBy) - Date.now()) / 1000)) : 0,
		title: pageTitle(request, "booking.player.detail.title"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

const cancelFormSchema = cancelSchema.extend({ quotedRefundFen: z.coerce.number().int().min(0) });

type Outcome = { errors: FormErrors; quote?: CancellationOutcome; reason?: string } | CompletionFormOutcome;

export async function action({ request, params }: Route.ActionArgs) {
	const session = await requireUser(request);
	const caller = { userId: session.user.id, roles: session.roles };
	const booking = await ownBooking(caller, params.bookingId);
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		return data<Outcome>({ errors: { formError: "errors.badRequest" } }, { status: 400 });
	}
	const here = `/me/bookings/${booking.id}`;
	const changeIntent = form.get("intent");
	if (isChangeIntent(changeIntent)) return changeAction(changeIntent, form, caller, booking.id, here);
	try {
		const intent = form.get("intent");
		const afterLesson = await completionFormAction({ form, caller, bookingId: booking.id, backTo: here });
		if (afterLesson) return afterLesson;
		if (intent === "cancel") {
			const reason = typeof form.get("reason") === "string" ? String(form.get("reason")) : "";
			const parsed = cancelFormSchema.safeParse({ reason, quotedRefundFen: form.get("quotedRefundFen") });
			if (!parsed.success) return data<Outcome>({ errors: { formError: "errors.badRequest" }, reason }, { status: 400 });
			// Cancel only on the terms the player saw: a deadline passed since the quote means a new quote.
			const quote = await quoteCancellation({ caller, bookingId: booking.id });
			if (quote.refundFen !== parsed.data.quotedRefundFen)
				return data<Outcome>({ errors: { formError: "booking.player.cancel.quoteChanged" }, quote, reason }, { status: 409 });
			await cancelBooking({ caller, bookingId: booking.id, reason: parsed.data.reason || undefined });
			return redirectWithToast(here, { kind: "success", messageKey: "booking.player.cancel.done" });
		}
		return data<Outcome>({ errors: { formError: "errors.badRequest" } }, { status: 400 });
	} catch (error) {
		if (isAppError(error) && error.status === 404) throw data({ code: "not_found" }, { status: 404 });
		const { errors, init } = formErrorsOf(error);
		return data<Outcome>({ errors }, init);
	}
}

export default function MyBooking({ loaderData, actionData }: Route.ComponentProps) {
	const { t, i18n } = useTranslation();
	const navigation = useNavigation();
	const { booking, cancellable, balanceDueFen, secondsLeft } = loaderData;
	const locale = i18n.language;
	const quote = (actionData && "quote" in actionData ? actionData.quote : undefined) ?? loaderData.quote;
	const { afterLesson } = loaderData;
	const completionOutcome = actionData && "intent" in actionData ? actionData : undefined;
	const disputeOutcome = completionOutcome?.intent === "dispute" ? completionOutcome : undefined;
	const changeOutcome = actionData && "intent" in actionData && isChangeIntent(actionData.intent) ? actionData : undefined;
	const dueFen = booking.depositFen;
	const busy = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
	const row = (label: string, value: React.ReactNode) => (
		<div className="flex justify-between gap-3 py-2">
			<dt className="text-muted">{label}</dt>
			<dd className="text-right">{value}</dd>
		</div>
	);
	return (
		<div className="mx-auto max-w-2xl space-y-5 px-4 py-6 sm:py-10">
			<Link to="/me/bookings" className="text-sm text-cloth-700 hover:underline">
				← {t("booking.player.list.title")}
			</Link>
			<header className="rounded-3xl bg-cloth-900 p-5 text-white sm:p-6">
				<div className="flex items-start justify-between gap-3">
					<div>
						<h1 className="text-2xl font-semibold">
							<Link to={`/coaches/${booking.coach.id}`} className="hover:underline">
								{booking.coach.displayName}
							</Link>
						</h1>
						<p className="mt-1 text-cloth-100">
							{courseTypeNames[booking.courseType][locale === "en" ? "en" : "zh-CN"]} ·{" "}
							{t("coaches.profile.minutes", { minutes: booking.durationMinutes })}
						</p>
					</div>
					<StatusChip status={booking.status} />
				</div>
				<p className="mt-3 [&_.text-muted]:text-cloth-100">
					<LessonTime startsAt={booking.startsAt} endsAt={booking.endsAt} />
				</p>
			</header>

			{actionData?.errors && !quote && !disputeOutcome && !changeOutcome ? (
				<p role="alert" className="rounded-xl bg-red-50 px-4 py-3 text-sm text-danger ring-1 ring-red-200">
					{t(actionData.errors.formError ?? "errors.badRequest", actionData.errors.params ?? {})}
				</p>
			) : null}

			{booking.pendingChange ? (
				<ChangeCard
					change={booking.pendingChange}
					viewer="player"
					errors={changeOutcome?.intent.endsWith("-change") ? changeOutcome.errors : undefined}
				/>
			) : null}

			{booking.status === "pending_payment" && booking.payBy ? (
				<section className="rounded-3xl bg-wood-100 p-5 sm:p-6" data-testid="payment-due">
					<h2 className="text-lg font-semibold">{t("booking.player.pay.title", { amount: formatFen(dueFen, locale) })}</h2>
					<PayCountdown payBy={booking.payBy} secondsLeft={secondsLeft} />
					<ButtonLink to={`/me/bookings/${booking.id}/pay`} className="mt-3 w-full sm:w-auto">
						{t("booking.player.pay.go")}
					</ButtonLink>
				</section>
			) : null}
			{balanceDueFen > 0 ? (
				<section
					className="flex flex-wrap items-center justify-between gap-3 rounded-3xl bg-wood-100 p-5 sm:p-6"
					data-testid="balance-due"
				>
					<h2 className="text-lg font-semibold">
						{t("booking.player.pay.balance", { amount: formatFen(balanceDueFen, locale) })}
					</h2>
					<ButtonLink to={`/me/bookings/${booking.id}/pay`} variant="secondary">
						{t("booking.player.pay.payBalance")}
					</ButtonLink>
				</section>
			) : null}
			{offersClassroom(booking) ? (
				<ButtonLink to={`/me/bookings/${booking.id}/lesson`} className="w-full" data-testid="enter-classroom">
					{t("booking.online.enter")}
				</ButtonLink>
			) : null}
			{booking.location.kind === "online" ? <RecordingsList bookingId={booking.id} /> : null}
			{booking.status === "completed" ? <LessonRecordCard record={loaderData.lessonRecord} /> : null}
			{booking.status === "completed" ? (
				<div className="grid gap-2 sm:grid-cols-2">
					<ButtonLink to={`/me/bookings/${booking.id}/review`} className="w-full">
						★ {t("coaches.reviews.write.cta")}
					</ButtonLink>
					<ButtonLink to={`/me/bookings/${booking.id}/pay?tip=1`} variant="secondary" className="w-full">
						{t("payments.checkout.tipTitle")}
					</ButtonLink>
				</div>
			) : null}

			{afterLesson.mayConfirm ? (
				<ConfirmLessonCard
					finished={booking.completion.finishedAt !== null}
					autoCompletesAt={booking.completion.autoCompletesAt}
					mayDispute={afterLesson.mayDispute}
					busy={busy("confirm-completion")}
				/>
			) : null}
			{afterLesson.mayDispute && (afterLesson.wantsDispute || disputeOutcome) ? (
				<DisputeForm errors={disputeOutcome?.errors} values={disputeOutcome?.values} busy={busy("dispute")} cancelTo="?" />
			) : null}
			{booking.completion.dispute ? <DisputeState dispute={booking.completion.dispute} /> : null}
			{booking.status === "completed" &&
			afterLesson.mayDispute &&
			booking.completion.disputeWindowEndsAt &&
			!afterLesson.wantsDispute ? (
				<p className="rounded-2xl bg-white px-4 py-3 text-sm text-muted shadow-(--shadow-card)">
					{t("booking.completion.player.completedNote", {
						time: formatDateTime(booking.completion.disputeWindowEndsAt, locale),
					})}{" "}
					<Link to="?dispute=1" preventScrollReset className="font-medium text-cloth-700 hover:underline">
						{t("booking.completion.player.problem")}
					</Link>
				</p>
			) : null}

			{quote && cancellable ? (
				<CancelPanel
					quote={quote}
					paidFen={booking.paidFen}
					errors={actionData && "quote" in actionData && actionData.quote ? actionData.errors : undefined}
					reason={actionData && "reason" in actionData ? actionData.reason : undefined}
					busy={busy("cancel")}
				/>
			) : null}

			<section className="rounded-3xl bg-white p-5 shadow-(--shadow-card) sm:p-6">
				<h2 className="text-lg font-semibold">{t("booking.player.detail.details")}</h2>
				<dl className="mt-2 divide-y divide-line text-sm">
					{row(t("booking.player.form.place"), placeLabel(booking.location, t))}
					{row(t("booking.player.amounts.price"), formatFen(booking.priceFen, locale))}
					{row(
						t("booking.player.amounts.plan"),
						booking.paymentPlan === "full"
							? t("booking.player.amounts.planFull")
							: t("booking.player.amounts.planDeposit", { amount: formatFen(booking.depositFen, locale) }),
					)}
					{row(t("booking.player.amounts.paid"), formatFen(booking.paidFen, locale))}
					{booking.refundFen !== null ? row(t("booking.player.amounts.refund"), formatFen(booking.refundFen, locale)) : null}
					{booking.note ? row(t("booking.player.form.note"), booking.note) : null}
					{booking.cancelReason ? row(t("booking.player.cancel.reason"), booking.cancelReason) : null}
				</dl>
			</section>

			{loaderData.changePanel ? (
				<ProposeChange
					mode={loaderData.changePanel.mode}
					viewer="player"
					form={loaderData.changePanel.form}
					selectedDay={loaderData.changePanel.selectedDay}
					outcome={changeOutcome}
				/>
			) : null}

			<BookingPayments lines={loaderData.payments} />

			<section className="rounded-3xl bg-white p-5 shadow-(--shadow-card) sm:p-6">
				<h2 className="text-lg font-semibold">{t("booking.player.detail.timeline")}</h2>
				<div className="mt-4">
					<BookingTimeline events={booking.events} coachName={booking.coach.displayName} />
				</div>
			</section>

			{cancellable && !quote ? (
				<ButtonLink to="?cancel=1" variant="secondary" className="w-full" preventScrollReset>
					{t("booking.player.cancel.start")}
				</ButtonLink>
			) : null}
		</div>
	);
}
