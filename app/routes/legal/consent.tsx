import { useTranslation } from "react-i18next";
import { Form, Link, redirect, useActionData, useNavigation } from "react-router";
import { z } from "zod";
import { formFailure, parseForm } from "~/lib/form.server";
import { pageTitle } from "~/lib/i18n";
import { needsConsent, recordConsent, termsVersion } from "~/modules/accounts/consent.server";
import { requireUser } from "~/modules/accounts/guards.server";
import { agreeTermsField } from "~/modules/accounts/schema";
import { safeRedirect } from "~/modules/accounts/web-session.server";
import { TermsConsent } from "~/modules/legal/components/terms-consent";
import { AuthCard } from "~/ui/auth-card";
import { Button } from "~/ui/button";
import { FormAlert } from "~/ui/form-alert";
import type { Route } from "./+types/consent";

/** The interstitial of a user whose agreement is older than the current terms: agree, then back where they were. */
export async function loader({ request }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
	if (!needsConsent(session.user)) throw redirect(redirectTo);
	return { redirectTo, version: termsVersion, title: pageTitle(request, "legal.consent.interstitial.title") };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request }: Route.ActionArgs) {
	const session = await requireUser(request);
	const form = await request.formData();
	const parsed = parseForm(form, z.object({ agreeTerms: agreeTermsField }));
	if (!parsed.ok) return parsed.response;
	try {
		await recordConsent({ userId: session.user.id, version: parsed.data.agreeTerms });
	} catch (error) {
		return formFailure(error);
	}
	return redirect(safeRedirect(form.get("redirectTo")));
}

export default function Consent({ loaderData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const errors = useActionData<typeof action>()?.errors;
	const navigation = useNavigation();
	return (
		<AuthCard title={t("legal.consent.interstitial.title")}>
			<p className="text-[15px] leading-7 text-ink">{t("legal.consent.interstitial.body", { version: loaderData.version })}</p>
			<p className="mt-3 flex gap-4 text-sm">
				<Link to="/terms" target="_blank" className="text-cloth-700 underline underline-offset-2">
					{t("legal.terms.title")}
				</Link>
				<Link to="/privacy" target="_blank" className="text-cloth-700 underline underline-offset-2">
					{t("legal.privacy.title")}
				</Link>
			</p>
			<Form method="post" className="mt-6 space-y-4" noValidate>
				<input type="hidden" name="redirectTo" value={loaderData.redirectTo} />
				<TermsConsent error={errors?.fields?.agreeTerms ? t(errors.fields.agreeTerms) : null} />
				<FormAlert messageKey={errors?.formError} params={errors?.params} />
				<Button type="submit" size="lg" className="w-full" busy={navigation.state !== "idle"}>
					{t("legal.consent.interstitial.submit")}
				</Button>
			</Form>
			<Form method="post" action="/logout" className="mt-3">
				<Button type="submit" variant="secondary" className="w-full">
					{t("legal.consent.interstitial.decline")}
				</Button>
			</Form>
		</AuthCard>
	);
}
