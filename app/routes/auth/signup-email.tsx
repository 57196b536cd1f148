import { useTranslation } from "react-i18next";
import { Form, Link, redirect, useActionData, useNavigation } from "react-router";
import { z } from "zod";
import { formFailure, parseForm } from "~/lib/form.server";
import { localeOfRequest, pageTitle } from "~/lib/i18n";
import { requestInfo } from "~/lib/request-context.server";
import { signUpWithEmail } from "~/modules/accounts/email-sign-up.server";
import { agreeTermsField, displayNameSchema, emailSchema, passwordSchema } from "~/modules/accounts/schema";
import { TermsConsent } from "~/modules/legal/components/terms-consent";
import { AuthCard } from "~/ui/auth-card";
import { Button } from "~/ui/button";
import { Field } from "~/ui/field";
import { FormAlert } from "~/ui/form-alert";
import type { Route } from "./+types/signup-email";

const signUpSchema = z.object({
	displayName: displayNameSchema,
	email: emailSchema,
	password: passwordSchema,
	agreeTerms: agreeTermsField,
});

export function loader({ request }: Route.LoaderArgs) {
	return { title: pageTitle(request, "accounts.signup.title") };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, context }: Route.ActionArgs) {
	const parsed = parseForm(await request.formData(), signUpSchema);
	if (!parsed.ok) return parsed.response;
	try {
		const { agreeTerms, ...form } = parsed.data;
		await signUpWithEmail({
			...form,
			termsVersion: agreeTerms,
			locale: localeOfRequest(request),
			ip: requestInfo(context).clientIp,
		});
	} catch (error) {
		return formFailure(error);
	}
	return redirect(`/signup/email/confirm?email=${encodeURIComponent(parsed.data.email)}`);
}

export default function SignUpWithEmail() {
	const { t } = useTranslation();
	const errors = useActionData<typeof action>()?.errors;
	const navigation = useNavigation();
	const fieldError = (name: string) => (errors?.fields?.[name] ? t(errors.fields[name]) : null);
	return (
		<AuthCard
			title={t("accounts.signup.title")}
			footer={
				<Link to="/login" className="text-cloth-700 hover:underline">
					{t("accounts.signup.haveAccount")}
				</Link>
			}
		>
			<Form method="post" className="space-y-4" noValidate>
				<Field
					label={t("accounts.signup.displayName")}
					name="displayName"
					autoComplete="nickname"
					error={fieldError("displayName")}
					required
				/>
				<Field
					label={t("accounts.signup.email")}
					name="email"
					type="email"
					autoComplete="email"
					error={fieldError("email")}
					required
				/>
				<Field
					label={t("accounts.signup.password")}
					name="password"
					type="password"
					autoComplete="new-password"
					hint={t("accounts.signup.passwordHint")}
					error={fieldError("password")}
					required
				/>
				<TermsConsent error={fieldError("agreeTerms")} />
				<FormAlert messageKey={errors?.formError} params={errors?.params} />
				<Button type="submit" size="lg" className="w-full" busy={navigation.state !== "idle"}>
					{t("accounts.signup.submit")}
				</Button>
			</Form>
		</AuthCard>
	);
}
