import { useTranslation } from "react-i18next";
import { data, Link, useNavigation } from "react-router";
import { isAppError } from "~/lib/errors";
import { formErrorsOf } from "~/lib/form.server";
import { pageTitle } from "~/lib/i18n";
import { orPageError } from "~/lib/page-errors.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireUser } from "~/modules/accounts/guards.server";
import { bookingFormValues, bookingRequestOf } from "~/modules/booking/booking-form";
import { loadBookingForm } from "~/modules/booking/booking-form.server";
import { BookingForm, type BookingFormOutcome } from "~/modules/booking/components/booking-form";
import { createBooking } from "~/modules/booking/create-booking.server";
import { shanghaiDate } from "~/modules/booking/free-times";
import { ButtonLink } from "~/ui/button";
import { EmptyState } from "~/ui/empty-state";
import type { Route } from "./+types/book";

export async function loader({ request, params }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const url = new URL(request.url);
	const form = await orPageError(
		loadBookingForm({ coachId: params.coachId, offeringId: url.searchParams.get("offeringId") ?? undefined }),
	);
	const { coach, ...view } = form;
	const asked = url.searchParams.get("startsAt");
	const askedInstant = asked && !Number.isNaN(Date.parse(asked)) ? new Date(asked) : null;
	const free = askedInstant
		? form.days.flatMap((day) => day.times).find((slot) => Date.parse(slot.startsAt) === askedInstant.getTime())
		: undefined;
	const wantedDay = url.searchParams.get("day") ?? (askedInstant ? shanghaiDate(askedInstant) : null);
	return {
		...view,
		coachId: coach.id,
		coachName: coach.displayName,
		ownCoach: coach.userId === session.user.id,
		selectedDay: form.days.some((day) => day.date === wantedDay) ? wantedDay : (form.days[0]?.date ?? null),
		requestedTimeGone: Boolean(askedInstant && !free),
		// One key per form shown: a double-clicked submit sends it twice and gets the first booking back.
		values: { startsAt: free?.startsAt, idempotencyKey: crypto.randomUUID() },
		title: pageTitle(request, "booking.player.form.title"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
	{ title: loaderData ? `${loaderData.coachName} · ${loaderData.title}` : undefined },
];

const idempotencyKeyPattern = /^[\w-]{8,100}$/;

export async function action({ request, params }: Route.ActionArgs) {
	const session = await requireUser(request);
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		return data<BookingFormOutcome>({ errors: { formError: "errors.badRequest" } }, { status: 400 });
	}
	const values = bookingFormValues(form);
	const parsed = bookingRequestOf(params.coachId, values);
	if (!parsed.ok) return data<BookingFormOutcome>({ errors: { fields: parsed.fields }, values }, { status: 400 });
	const key = values.idempotencyKey;
	try {
		const { booking } = await createBooking({
			caller: { userId: session.user.id, roles: session.roles },
			request: parsed.request,
			idempotencyKey: key && idempotencyKeyPattern.test(key) ? key : undefined,
		});
		return redirectWithToast(`/me/bookings/${booking.id}`, { kind: "success", messageKey: "booking.player.form.created" });
	} catch (error) {
		if (isAppError(error) && error.code === "slot_taken") {
			const alternatives = (error.options.extra?.alternatives ?? []) as BookingFormOutcome["alternatives"];
			return data<BookingFormOutcome>(
				{ errors: { fields: { startsAt: error.messageKey } }, values: { ...values, startsAt: undefined }, alternatives },
				{ status: 409 },
			);
		}
		const { errors, init } = formErrorsOf(error);
		return data<BookingFormOutcome>({ errors, values }, init);
	}
}

export default function BookLesson({ loaderData, actionData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const navigation = useNavigation();
	const view = loaderData;
	return (
		<div className="mx-auto max-w-3xl space-y-5 px-4 py-5 pb-28 sm:py-8">
			<Link to={`/coaches/${view.coachId}`} className="text-sm text-cloth-700 hover:underline">
				← {t("booking.player.form.back", { name: view.coachName })}
			</Link>
			<header>
				<h1 className="text-2xl font-semibold sm:text-3xl">{t("booking.player.form.heading", { name: view.coachName })}</h1>
				<p className="mt-1 text-sm text-muted">{t("booking.player.form.intro")}</p>
			</header>
			{!view.accepting ? (
				<EmptyState
					icon="⏸"
					title={t("booking.player.paused")}
					body={t("booking.player.pausedBody")}
					action={<ButtonLink to="/coaches">{t("booking.player.findCoach")}</ButtonLink>}
				/>
			) : !view.offeringId ? (
				<EmptyState icon="🎱" title={t("booking.player.form.noOfferings")} />
			) : view.ownCoach ? (
				<EmptyState icon="🙂" title={t("booking.errors.ownCoach")} />
			) : (
				<BookingForm
					key={view.offeringId}
					view={{ ...view, offeringId: view.offeringId }}
					outcome={actionData ?? undefined}
					busy={navigation.state === "submitting"}
				/>
			)}
		</div>
	);
}
