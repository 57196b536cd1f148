import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, useActionData, useNavigation } from "react-router";
import { z } from "zod";
import { type FormErrors, formErrorsOf, parseForm } from "~/lib/form.server";
import { localeOfRequest, pageTitle } from "~/lib/i18n";
import { requestInfo } from "~/lib/request-context.server";
import { redirectWithToast } from "~/lib/toast.server";
import { fieldErrorKeys } from "~/lib/validation";
import { HumanCheck, humanCheckRefusals } from "~/modules/accounts/components/human-check";
import { humanCheckNeeded } from "~/modules/accounts/human-check.server";
import { requestPasswordReset, resetPassword } from "~/modules/accounts/password-reset.server";
import { codeSchema, humanCheckSchema, passwordSchema } from "~/modules/accounts/schema";
import { AuthCard } from "~/ui/auth-card";
import { Button } from "~/ui/button";
import { Field } from "~/ui/field";
import { FormAlert } from "~/ui/form-alert";
import type { Route } from "./+types/forgot-password";

const identifierSchema = z.string().trim().min(1, "accounts.errors.identifierRequired").max(254);
const resetSchema = z.object({ identifier: identifierSchema, code: codeSchema, password: passwordSchema });

export async function loader({ request, context }: Route.LoaderArgs) {
	return {
		humanCheckNeeded: await humanCheckNeeded(requestInfo(context).clientIp),
		title: pageTitle(request, "accounts.forgot.title"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, context }: Route.ActionArgs) {
	const formData = await request.formData();
	const resetting = formData.get("intent") !== "send-code";
	// The second step keeps the identifier, so its errors show on the code form, not the first one.
	const sentTo = resetting ? String(formData.get("identifier") ?? "") : null;
	try {
		if (!resetting) {
			const parsed = parseForm(formData, z.object({ identifier: identifierSchema, challenge: humanCheckSchema }));
			if (!parsed.ok) return parsed.response;
			await requestPasswordReset({ ...parsed.data, ip: requestInfo(context).clientIp, locale: localeOfRequest(request) });
			return data({ sentTo: parsed.data.identifier, errors: {} as FormErrors });
		}
		const parsed = resetSchema.safeParse(Object.fromEntries(formData));
		if (!parsed.success) return data({ sentTo, errors: { fields: fieldErrorKeys(parsed.error) } as FormErrors }, { status: 400 });
		await resetPassword(parsed.data);
		return redirectWithToast("/login?method=password", { kind: "success", messageKey: "accounts.forgot.done" });
	} catch (error) {
		const { errors, init } = formErrorsOf(error);
		return data({ sentTo, errors }, init);
	}
}

export default function ForgotPassword({ loaderData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const actionData = useActionData<typeof action>();
	const errors: FormErrors = actionData?.errors ?? {};
	const sentTo = actionData && "sentTo" in actionData && typeof actionData.sentTo === "string" ? actionData.sentTo : null;
	const navigation = useNavigation();
	const fieldError = (name: string) => (errors.fields?.[name] ? t(errors.fields[name]) : null);
	const formRef = useRef<HTMLFormElement>(null);
	const refusedForCheck = humanCheckRefusals.includes(errors.formError ?? "");
	// Refused for want of a check: once the browser has solved one, send again by itself.
	const resend = () => {
		const button = formRef.current?.querySelector<HTMLButtonElement>('button[value="send-code"]');
		if (refusedForCheck && button) formRef.current?.requestSubmit(button);
	};
	if (!sentTo) {
		return (
			<AuthCard title={t("accounts.forgot.title")} subtitle={t("accounts.forgot.body")}>
				<Form method="post" className="space-y-4" noValidate ref={formRef}>
					<Field
						label={t("accounts.forgot.identifier")}
						name="identifier"
						autoComplete="username"
						error={fieldError("identifier")}
						required
					/>
					<FormAlert messageKey={errors.formError} params={errors.params} />
					<HumanCheck needed={loaderData.humanCheckNeeded || refusedForCheck} onSolved={resend} />
					<Button type="submit" name="intent" value="send-code" size="lg" className="w-full" busy={navigation.state !== "idle"}>
						{t("accounts.forgot.sendCode")}
					</Button>
				</Form>
			</AuthCard>
		);
	}
	return (
		<AuthCard title={t("accounts.forgot.resetTitle")}>
			<Form method="post" className="space-y-4" noValidate>
				<FormAlert tone="success" messageKey="accounts.forgot.sent" />
				<input type="hidden" name="identifier" value={sentTo} />
				<Field
					label={t("accounts.forgot.code")}
					name="code"
					inputMode="numeric"
					autoComplete="one-time-code"
					maxLength={6}
					error={fieldError("code")}
					required
				/>
				<Field
					label={t("accounts.forgot.newPassword")}
					name="password"
					type="password"
					autoComplete="new-password"
					hint={t("accounts.signup.passwordHint")}
					error={fieldError("password")}
					required
				/>
				<FormAlert messageKey={errors.formError} params={errors.params} />
				<Button type="submit" name="intent" value="reset" size="lg" className="w-full" busy={navigation.state !== "idle"}>
					{t("accounts.forgot.submit")}
				</Button>
			</Form>
		</AuthCard>
	);
}
