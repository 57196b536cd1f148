import { useTranslation } from "react-i18next";
import { data } from "react-router";
import { formErrorsOf } from "~/lib/form.server";
import { pageTitle } from "~/lib/i18n";
import { redirectWithToast } from "~/lib/toast.server";
import { requireUser } from "~/modules/accounts/guards.server";
import { CoachStatusChip } from "~/modules/coaches/application/components/status-chip";
import { ExceptionsCard } from "~/modules/coaches/availability/components/exceptions-card";
import { StatusCard } from "~/modules/coaches/availability/components/status-card";
import { WeeklyForm } from "~/modules/coaches/availability/components/weekly-form";
import {
	type AvailabilityIntent,
	type AvailabilityOutcome,
	availabilityFromForm,
	availabilityIntents,
} from "~/modules/coaches/availability/form";
import { availabilityOf, getMyAvailability } from "~/modules/coaches/availability/get-availability.server";
import { saveAvailability } from "~/modules/coaches/availability/save-availability.server";
import { exceptionHorizonDays } from "~/modules/coaches/availability/schema";
import { addDays, todayInShanghai } from "~/modules/coaches/availability/time";
import { CoachGate, CoachPage } from "~/modules/coaches/dashboard/coach-page";
import { getMyCoachStatus } from "~/modules/coaches/dashboard/get-dashboard.server";
import { FormAlert } from "~/ui/form-alert";
import type { Route } from "./+types/availability";

export async function loader({ request }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const coach = await getMyCoachStatus(session.user.id);
	const today = todayInShanghai();
	return {
		coach,
		availability: coach && coach.status !== "suspended" ? await availabilityOf(coach.id) : null,
		today,
		lastDay: addDays(today, exceptionHorizonDays),
		title: pageTitle(request, "coaching.availability.title"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

/**
 * Each form changes its part of the plan and saves the whole, as `PUT /api/v1/coach/availability`
 * does; a refusal comes back beside its field and nothing is saved.
 */
export async function action({ request }: Route.ActionArgs) {
	const session = await requireUser(request);
	const badRequest = () =>
		data<AvailabilityOutcome>({ intent: null, errors: { formError: "errors.badRequest" } }, { status: 400 });
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		// A body that is not a form (wrong content type, broken multipart) is the sender's mistake: 400, not a 500 page.
		return badRequest();
	}
	const intent = String(form.get("intent") ?? "");
	if (!(availabilityIntents as readonly string[]).includes(intent)) return badRequest();
	const typed = intent as AvailabilityIntent;
	try {
		const parsed = availabilityFromForm(typed, form, await getMyAvailability(session.user.id));
		if (!parsed.ok) return data<AvailabilityOutcome>(parsed.outcome, { status: 400 });
		await saveAvailability({ userId: session.user.id, update: parsed.update });
		const anchor = typed === "status" ? "" : typed === "weekly" ? "#weekly" : "#exceptions";
		return redirectWithToast(`/coach/availability${anchor}`, { kind: "success", messageKey: parsed.toast });
	} catch (error) {
		const { errors, init } = formErrorsOf(error);
		return data<AvailabilityOutcome>({ intent: typed, errors }, init);
	}
}

export default function CoachAvailability({ loaderData, actionData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const { coach, availability, today, lastDay } = loaderData;
	return (
		<CoachPage
			title={t("coaching.availability.title")}
			intro={availability ? t("coaching.availability.intro") : undefined}
			aside={coach ? <CoachStatusChip status={coach.status} /> : null}
		>
			<CoachGate coach={coach}>
				{/* A refusal that belongs to none of the forms (a malformed request) is shown above them all. */}
				{actionData?.intent === null ? <FormAlert messageKey={actionData.errors.formError} /> : null}
				{availability ? (
					<>
						<StatusCard accepting={availability.acceptingBookings} />
						<WeeklyForm view={availability} />
						<ExceptionsCard view={availability} today={today} lastDay={lastDay} />
					</>
				) : null}
			</CoachGate>
		</CoachPage>
	);
}
