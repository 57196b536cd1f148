import { useTranslation } from "react-i18next";
import { Form, redirect, useActionData, useNavigation } from "react-router";
import { z } from "zod";
import { formFailure, parseForm } from "~/lib/form.server";
import { pageTitle } from "~/lib/i18n";
import { confirmEmail } from "~/modules/accounts/email-sign-up.server";
import { codeSchema, emailSchema } from "~/modules/accounts/schema";
import { clientOfPage, signedInRedirect } from "~/modules/accounts/web-session.server";
import { AuthCard } from "~/ui/auth-card";
import { Button } from "~/ui/button";
import { Field } from "~/ui/field";
import { FormAlert } from "~/ui/form-alert";
import type { Route } from "./+types/signup-email-confirm";

export function loader({ request }: Route.LoaderArgs) {
	const email = emailSchema.safeParse(new URL(request.url).searchParams.get("email"));
	if (!email.success) throw redirect("/signup/email");
	return { email: email.data, title: pageTitle(request, "accounts.signup.confirmTitle") };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, context }: Route.ActionArgs) {
	const parsed = parseForm(await request.formData(), z.object({ email: emailSchema, code: codeSchema }));
	if (!parsed.ok) return parsed.response;
	try {
		const result = await confirmEmail({ ...parsed.data, client: clientOfPage(request, context) });
		return signedInRedirect(result, "/me", { kind: "success", messageKey: "accounts.signup.confirmed" });
	} catch (error) {
		return formFailure(error);
	}
}

export default function ConfirmEmail({ loaderData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const errors = useActionData<typeof action>()?.errors;
	const navigation = useNavigation();
	return (
		<AuthCard title={t("accounts.signup.confirmTitle")} subtitle={t("accounts.signup.confirmBody", { email: loaderData.email })}>
			<Form method="post" className="space-y-4" noValidate>
				<input type="hidden" name="email" value={loaderData.email} />
				<Field
					label={t("accounts.login.code")}
					name="code"
					inputMode="numeric"
					autoComplete="one-time-code"
					maxLength={6}
					error={errors?.fields?.code ? t(errors.fields.code) : null}
					required
				/>
				<FormAlert messageKey={errors?.formError} params={errors?.params} />
				<Button type="submit" size="lg" className="w-full" busy={navigation.state !== "idle"}>
					{t("accounts.signup.confirmSubmit")}
				</Button>
			</Form>
		</AuthCard>
	);
}
