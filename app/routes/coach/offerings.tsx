import { useTranslation } from "react-i18next";
import { data, useNavigation } from "react-router";
import { formErrorsOf } from "~/lib/form.server";
import { pageTitle } from "~/lib/i18n";
import { redirectWithToast } from "~/lib/toast.server";
import { requireUser } from "~/modules/accounts/guards.server";
import { CoachStatusChip } from "~/modules/coaches/application/components/status-chip";
import { CoachGate, CoachPage } from "~/modules/coaches/dashboard/coach-page";
import { getMyCoachStatus } from "~/modules/coaches/dashboard/get-dashboard.server";
import { OfferingsForm } from "~/modules/coaches/offerings/components/offerings-form";
import { type OfferingsOutcome, offeringsFromForm, typedValues } from "~/modules/coaches/offerings/form";
import { offeringsOf } from "~/modules/coaches/offerings/get-offerings.server";
import { saveOfferings } from "~/modules/coaches/offerings/save-offerings.server";
import type { Route } from "./+types/offerings";

export async function loader({ request }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const coach = await getMyCoachStatus(session.user.id);
	return {
		coach,
		offerings: coach && coach.status !== "suspended" ? await offeringsOf(coach.id) : null,
		title: pageTitle(request, "coaching.offerings.title"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

/** Saves every lesson and the cancellation preset at once, as `PUT /api/v1/coach/offerings` does. */
export async function action({ request }: Route.ActionArgs) {
	const session = await requireUser(request);
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		// A body that is not a form (wrong content type, broken multipart) is the sender's mistake: 400, not a 500 page.
		return data<OfferingsOutcome>({ errors: { formError: "errors.badRequest" } }, { status: 400 });
	}
	const parsed = offeringsFromForm(form);
	if (!parsed.ok) return data<OfferingsOutcome>(parsed.outcome, { status: 400 });
	try {
		await saveOfferings({ userId: session.user.id, update: parsed.update });
	} catch (error) {
		const { errors, init } = formErrorsOf(error);
		return data<OfferingsOutcome>({ errors, values: typedValues(form) }, init);
	}
	return redirectWithToast("/coach/offerings", { kind: "success", messageKey: "coaching.offerings.saved" });
}

export default function CoachOfferings({ loaderData, actionData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const navigation = useNavigation();
	const { coach, offerings } = loaderData;
	return (
		<CoachPage
			title={t("coaching.offerings.title")}
			intro={offerings ? t("coaching.offerings.intro") : undefined}
			aside={coach ? <CoachStatusChip status={coach.status} /> : null}
		>
			<CoachGate coach={coach}>
				{offerings ? <OfferingsForm view={offerings} outcome={actionData} busy={navigation.state === "submitting"} /> : null}
			</CoachGate>
		</CoachPage>
	);
}
