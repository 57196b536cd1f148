import { useTranslation } from "react-i18next";
import { data, Link, useNavigation } from "react-router";
import { z } from "zod";
import { isAppError } from "~/lib/errors";
import { type FormErrors, formErrorsOf } from "~/lib/form.server";
import { i18nFor, localeOfRequest } from "~/lib/i18n";
import { redirectWithToast } from "~/lib/toast.server";
import { useLiveRevalidation } from "~/lib/use-live-revalidation";
import { fieldErrorKeys } from "~/lib/validation";
import { requireUser } from "~/modules/accounts/guards.server";
import { confirmBooking, rejectBooking } from "~/modules/booking/answer-booking.server";
import type { Caller } from "~/modules/booking/booking-record.server";
import { cancelBooking, quoteCancellation } from "~/modules/booking/cancel-booking.server";
import { changeAction, changePanelFor } from "~/modules/booking/change-actions.server";
import { isChangeIntent } from "~/modules/booking/change-intents";
import { coachActionsFor } from "~/modules/booking/coach-actions";
import { completionChoices } from "~/modules/booking/completion/completion";
import { type CompletionFormOutcome, completionFormAction } from "~/modules/booking/completion/completion-forms.server";
import { ChangeCard } from "~/modules/booking/components/change-card";
import { AwaitingPlayer } from "~/modules/booking/components/completion/awaiting-player";
import { DisputeForm } from "~/modules/booking/components/completion/dispute-form";
import { DisputeState } from "~/modules/booking/components/completion/dispute-state";
import { lessonTime } from "~/modules/booking/components/orders/format";
import { LiveDot } from "~/modules/booking/components/orders/live-dot";
import { OrderActions } from "~/modules/booking/components/orders/order-actions";
import { OrderStatus, useOrderText } from "~/modules/booking/components/orders/order-facts";
import { OrderTimeline } from "~/modules/booking/components/orders/order-timeline";
import { ProposeChange } from "~/modules/booking/components/propose-change";
import { progressLesson } from "~/modules/booking/lesson-progress.server";
import { RecordingsList } from "~/modules/booking/online-lesson/components/recordings-list";
import { offersClassroom } from "~/modules/booking/online-lesson/room";
import { getBooking } from "~/modules/booking/read-bookings.server";
import { cancelSchema, reasonSchema } from "~/modules/booking/schema";
import type { Route } from "./+types/order";

/** The coach's own bookings only: a player of it, a stranger or staff on this page get 404. */
async function coachBooking(caller: Caller, bookingId: string) {
	try {
		const found = await getBooking({ caller, bookingId });
		if (found.party !== "coach") throw data(null, { status: 404 });
		return found.booking;
	} catch (error) {
		if (isAppError(error) && error.status === 404) throw data(null, { status: 404 });
		throw error;
	}
}

export async function loader({ request, params }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const caller = { userId: session.user.id, roles: session.roles };
	const booking = await coachBooking(caller, params.bookingId);
	const actions = coachActionsFor(booking, new Date());
	// What the coach's cancellation would refund, from the same function the cancellation uses.
	const refundFen = actions.some((item) => item.action === "cancel")
		? (await quoteCancellation({ caller, bookingId: booking.id })).refundFen
		: 0;
	const { t } = i18nFor(localeOfRequest(request));
	// Another time or place for a booking waiting for the coach; another time for a confirmed lesson.
	const changePanel = await changePanelFor(booking, "coach", request);
	const afterLesson = completionChoices(booking, new Date());
	return {
		booking,
		actions,
		refundFen,
		changePanel,
		// The player confirms; the coach can report a problem too (it opens the form on ?dispute=1).
		afterLesson: {
			...afterLesson,
			wantsDispute: afterLesson.mayDispute && new URL(request.url).searchParams.get("dispute") === "1",
		},
		title: `${t("booking.orders.detail.title", { player: booking.player.displayName })} · ${t("common.appNameFull")}`,
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

const intentSchema = z.enum(["confirm", "reject", "start", "finish", "no_show", "cancel"]);
const doneMessages = {
	confirm: "booking.orders.actions.confirmed",
	reject: "booking.orders.actions.rejected",
	start: "booking.orders.actions.started",
	finish: "booking.orders.actions.finished",
	no_show: "booking.orders.actions.noShowDone",
	cancel: "booking.orders.actions.cancelled",
} as const;

type Outcome = { intent?: string; errors: FormErrors };

export async function action({ request, params }: Route.ActionArgs) {
	const session = await requireUser(request);
	const caller = { userId: session.user.id, roles: session.roles };
	// Who may act is checked before the form is read.
	const booking = await coachBooking(caller, params.bookingId);
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		return data<Outcome>({ errors: { formError: "errors.badRequest" } }, { status: 400 });
	}
	const afterLesson = await completionFormAction({ form, caller, bookingId: booking.id, backTo: `/coach/orders/${booking.id}` });
	if (afterLesson) return afterLesson;
	const changeIntent = form.get("intent");
	if (isChangeIntent(changeIntent)) return changeAction(changeIntent, form, caller, booking.id, `/coach/orders/${booking.id}`);
	const intent = intentSchema.safeParse(form.get("intent"));
	if (!intent.success) return data<Outcome>({ errors: { formError: "errors.badRequest" } }, { status: 400 });
	const fail = (fields: Record<string, string>) => data<Outcome>({ intent: intent.data, errors: { fields } }, { status: 400 });
	try {
		if (intent.data === "confirm") await confirmBooking({ caller, bookingId: booking.id });
		else if (intent.data === "reject") {
			const reason = reasonSchema.safeParse({ reason: form.get("reason") ?? undefined });
			if (!reason.success) return fail(fieldErrorKeys(reason.error));
			await rejectBooking({ caller, bookingId: booking.id, reason: reason.data.reason });
		} else if (intent.data === "cancel") {
			const reason = cancelSchema.safeParse({ reason: form.get("reason") || undefined });
			if (!reason.success) return fail(fieldErrorKeys(reason.error));
			await cancelBooking({ caller, bookingId: booking.id, reason: reason.data.reason });
		} else await progressLesson({ caller, bookingId: booking.id, step: intent.data });
	} catch (error) {
		const { errors, init } = formErrorsOf(error);
		return data<Outcome>({ intent: intent.data, errors }, init);
	}
	return redirectWithToast(`/coach/orders/${booking.id}`, { kind: "success", messageKey: doneMessages[intent.data] });
}

export default function CoachOrder({ loaderData, actionData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const { booking, actions, refundFen, afterLesson } = loaderData;
	const navigation = useNavigation();
	const disputeOutcome =
		actionData && "values" in actionData && actionData.intent === "dispute" ? (actionData as CompletionFormOutcome) : undefined;
	const text = useOrderText();
	const live = useLiveRevalidation("/coach/orders/live", "booking_changes");
	const facts = [
		{ label: t("booking.orders.detail.time"), value: lessonTime(booking, text.language) },
		{ label: t("booking.orders.detail.lesson"), value: text.course(booking) },
		{ label: t("booking.orders.detail.place"), value: text.place(booking) },
		{
			label: t("booking.orders.detail.amounts"),
			value: [
				`${t("booking.orders.price")} ${text.money(booking.priceFen)}`,
				`${t("booking.orders.paid")} ${text.money(booking.paidFen)}（${t(`booking.orders.plan.${booking.paymentPlan}`)}）`,
				booking.refundFen ? `${t("booking.orders.refund")} ${text.money(booking.refundFen)}` : null,
			]
				.filter(Boolean)
				.join(" · "),
		},
		{ label: t("booking.orders.note"), value: booking.note ?? t("booking.orders.noNote") },
	];
	return (
		<div className="mx-auto max-w-3xl space-y-5 px-4 pt-5 pb-16 sm:px-6 sm:pt-10">
			<header className="space-y-2">
				<Link to="/coach/orders" className="text-sm text-muted hover:text-ink">
					← {t("booking.orders.detail.back")}
				</Link>
				<div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
					<h1 className="text-2xl font-semibold sm:text-3xl">
						{t("booking.orders.detail.title", { player: booking.player.displayName })}
					</h1>
					<div className="flex items-center gap-3">
						<LiveDot live={live} />
						<OrderStatus status={booking.status} />
					</div>
				</div>
			</header>
			<section className="rounded-2xl bg-white p-4 shadow-(--shadow-card) sm:p-6">
				<dl className="divide-y divide-line">
					{facts.map((fact) => (
						<div key={fact.label} className="grid gap-1 py-3 first:pt-0 last:pb-0 sm:grid-cols-[8rem_1fr] sm:gap-4">
							<dt className="text-sm text-muted">{fact.label}</dt>
							<dd className="text-[15px]">{fact.value}</dd>
						</div>
					))}
				</dl>
				{booking.cancelReason ? (
					<p className="mt-4 rounded-xl bg-slate-50 px-3 py-2 text-sm">
						{t("booking.orders.detail.reason", { reason: booking.cancelReason })}
					</p>
				) : null}
			</section>
			{booking.pendingChange ? (
				<ChangeCard
					change={booking.pendingChange}
					viewer="coach"
					errors={actionData?.intent?.endsWith("-change") ? actionData.errors : undefined}
				/>
			) : null}
			{offersClassroom(booking) ? (
				<Link
					to={`/coach/orders/${booking.id}/lesson`}
					className="flex min-h-12 items-center justify-center rounded-2xl bg-cloth-700 px-4 font-medium text-white"
					data-testid="enter-classroom"
				>
					{t("booking.online.enter")}
				</Link>
			) : null}
			{booking.status === "completed" ? (
				<Link
					to={`/coach/orders/${booking.id}/record`}
					className="flex min-h-12 items-center justify-center rounded-2xl bg-cloth-700 px-4 font-medium text-white"
				>
					{t("learning.record.write")}
				</Link>
			) : null}
			{booking.location.kind === "online" ? <RecordingsList bookingId={booking.id} /> : null}
			<section aria-labelledby="order-actions" className="space-y-3 rounded-2xl bg-white p-4 shadow-(--shadow-card) sm:p-6">
				<h2 id="order-actions" className="text-lg font-semibold">
					{t("booking.orders.detail.actions")}
				</h2>
				{booking.status === "in_progress" && afterLesson.mayConfirm && booking.completion.autoCompletesAt ? (
					<AwaitingPlayer
						finished={booking.completion.finishedAt !== null}
						autoCompletesAt={booking.completion.autoCompletesAt}
					/>
				) : null}
				<OrderActions actions={actions} refundFen={refundFen} money={text.money} outcome={actionData} />
				{afterLesson.mayDispute && !afterLesson.wantsDispute && !disputeOutcome ? (
					<Link to="?dispute=1" preventScrollReset className="inline-block text-sm font-medium text-cloth-700 hover:underline">
						{t("booking.completion.dispute.coachStart")}
					</Link>
				) : null}
			</section>
			{afterLesson.mayDispute && (afterLesson.wantsDispute || disputeOutcome) ? (
				<DisputeForm
					errors={disputeOutcome?.errors}
					values={disputeOutcome?.values}
					busy={navigation.state === "submitting" && navigation.formData?.get("intent") === "dispute"}
					cancelTo="?"
				/>
			) : null}
			{booking.completion.dispute ? <DisputeState dispute={booking.completion.dispute} /> : null}
			{loaderData.changePanel ? (
				<ProposeChange
					mode={loaderData.changePanel.mode}
					viewer="coach"
					form={loaderData.changePanel.form}
					selectedDay={loaderData.changePanel.selectedDay}
					outcome={actionData}
				/>
			) : null}
			<section aria-labelledby="order-timeline" className="space-y-4 rounded-2xl bg-white p-4 shadow-(--shadow-card) sm:p-6">
				<h2 id="order-timeline" className="text-lg font-semibold">
					{t("booking.orders.detail.timeline")}
				</h2>
				<OrderTimeline events={booking.events} />
			</section>
		</div>
	);
}
