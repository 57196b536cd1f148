import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Form, Link, useNavigation } from "react-router";
import { z } from "zod";
import { type FormErrors, formFailure, parseForm } from "~/lib/form.server";
import { i18nFor, localeOfRequest } from "~/lib/i18n";
import { requestInfo } from "~/lib/request-context.server";
import { redirectWithToast } from "~/lib/toast.server";
import { sendCode } from "~/modules/accounts/codes.server";
import { HumanCheck, humanCheckRefusals } from "~/modules/accounts/components/human-check";
import { humanCheckNeeded } from "~/modules/accounts/human-check.server";
import { phoneSchema } from "~/modules/accounts/phone";
import { agreeTermsField, humanCheckSchema, smsLoginSchema } from "~/modules/accounts/schema";
import { bindPhoneAndSignIn } from "~/modules/accounts/social/bind-phone-and-sign-in.server";
import { clearedPendingIdentityCookie, pendingIdentityOf } from "~/modules/accounts/social/pending-identity.server";
import { providerNameKey } from "~/modules/accounts/social/providers";
import { clientOfPage, safeRedirect, signedInRedirect } from "~/modules/accounts/web-session.server";
import { TermsConsent } from "~/modules/legal/components/terms-consent";
import { AuthCard } from "~/ui/auth-card";
import { Button } from "~/ui/button";
import { Field, inputClasses } from "~/ui/field";
import { FormAlert } from "~/ui/form-alert";
import type { Route } from "./+types/bind-phone";

/** After a first WeChat or Alipay sign-in: prove a phone number, which picks (or creates) the account. */
function requirePending(request: Request) {
	const pending = pendingIdentityOf(request);
	if (!pending) throw redirectWithToast("/login", { kind: "error", messageKey: "accounts.errors.socialExpired" });
	return pending;
}

export async function loader({ request, context }: Route.LoaderArgs) {
	const pending = requirePending(request);
	const t = i18nFor(localeOfRequest(request)).t;
	return {
		provider: pending.provider,
		nickname: pending.nickname,
		redirectTo: safeRedirect(new URL(request.url).searchParams.get("redirectTo")),
		humanCheckNeeded: await humanCheckNeeded(requestInfo(context).clientIp),
		title: t("accounts.bindPhone.title"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, context }: Route.ActionArgs) {
	const pending = requirePending(request);
	const form = await request.formData();
	const locale = localeOfRequest(request);
	const client = clientOfPage(request, context);
	if (form.get("intent") === "send") {
		const parsed = parseForm(form, z.object({ phone: phoneSchema, challenge: humanCheckSchema }));
		if (!parsed.ok) return parsed.response;
		try {
			const { phone, challenge } = parsed.data;
			await sendCode({ purpose: "bind", target: { kind: "phone", phone }, ip: client.ip, locale, challenge });
		} catch (error) {
			return formFailure(error);
		}
		return { sent: true, phone: String(form.get("phone") ?? "") };
	}
	const parsed = parseForm(form, smsLoginSchema.extend({ agreeTerms: agreeTermsField }));
	if (!parsed.ok) return parsed.response;
	try {
		const { agreeTerms, ...bind } = parsed.data;
		const result = await bindPhoneAndSignIn({ pending, ...bind, termsVersion: agreeTerms, client, locale });
		const response = signedInRedirect(result, safeRedirect(form.get("redirectTo")), {
			kind: "success",
			messageKey: result.created ? "accounts.login.welcomeNew" : "accounts.login.welcome",
		});
		response.headers.append("Set-Cookie", clearedPendingIdentityCookie());
		return response;
	} catch (error) {
		return formFailure(error);
	}
}

const resendSeconds = 60;

export default function BindPhone({ loaderData, actionData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const navigation = useNavigation();
	const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
	const errors: FormErrors = actionData && "errors" in actionData ? actionData.errors : {};
	const sent = Boolean(actionData && "sent" in actionData);
	const codeId = useId();
	const [wait, setWait] = useState(0);
	useEffect(() => {
		if (sent) setWait(resendSeconds);
	}, [sent, actionData]);
	useEffect(() => {
		if (wait <= 0) return;
		const timer = setTimeout(() => setWait((seconds) => seconds - 1), 1000);
		return () => clearTimeout(timer);
	}, [wait]);
	const provider = t(providerNameKey(loaderData.provider));
	const fieldError = (name: string) => (errors.fields?.[name] ? t(errors.fields[name]) : null);
	const formRef = useRef<HTMLFormElement>(null);
	const refusedForCheck = humanCheckRefusals.includes(errors.formError ?? "");
	// Refused for want of a check: once the browser has solved one, send again by itself.
	const resend = () => {
		const button = formRef.current?.querySelector<HTMLButtonElement>('button[value="send"]');
		if (refusedForCheck && button) formRef.current?.requestSubmit(button);
	};

	return (
		<AuthCard
			title={t("accounts.bindPhone.title")}
			subtitle={loaderData.nickname ? t("accounts.bindPhone.greeting", { nickname: loaderData.nickname }) : undefined}
			footer={<Link to="/login">{t("accounts.bindPhone.back")}</Link>}
		>
			<p className="text-[15px] text-ink">{t("accounts.bindPhone.body", { provider })}</p>
			<Form method="post" className="mt-6 space-y-4" noValidate ref={formRef}>
				<input type="hidden" name="redirectTo" value={loaderData.redirectTo} />
				<FormAlert messageKey={errors.formError} params={errors.params} />
				{sent && !errors.formError ? <FormAlert tone="success" messageKey="accounts.login.codeSent" /> : null}
				<Field
					label={t("accounts.login.phone")}
					name="phone"
					type="tel"
					inputMode="tel"
					autoComplete="tel"
					placeholder={t("accounts.login.phonePlaceholder")}
					defaultValue={actionData && "phone" in actionData ? actionData.phone : undefined}
					error={fieldError("phone")}
					required
				/>
				<div className="space-y-1.5">
					<label htmlFor={codeId} className="block text-sm font-medium text-ink">
						{t("accounts.login.code")}
					</label>
					<div className="flex gap-2">
						<input
							id={codeId}
							className={inputClasses}
							name="code"
							inputMode="numeric"
							autoComplete="one-time-code"
							maxLength={6}
							placeholder={t("accounts.login.codePlaceholder")}
							aria-invalid={fieldError("code") ? true : undefined}
							aria-describedby={fieldError("code") ? `${codeId}-error` : undefined}
						/>
						<Button
							type="submit"
							name="intent"
							value="send"
							variant="secondary"
							className="shrink-0"
							busy={busyIntent === "send"}
							disabled={wait > 0}
						>
							{wait > 0 ? t("accounts.login.resendIn", { seconds: wait }) : t("accounts.login.sendCode")}
						</Button>
					</div>
					{fieldError("code") ? (
						<p id={`${codeId}-error`} role="alert" className="text-sm text-danger">
							{fieldError("code")}
						</p>
					) : null}
				</div>
				<HumanCheck needed={loaderData.humanCheckNeeded || refusedForCheck} onSolved={resend} />
				<TermsConsent error={fieldError("agreeTerms")} />
				<Button type="submit" name="intent" value="bind" size="lg" className="w-full" busy={busyIntent === "bind"}>
					{t("accounts.bindPhone.submit")}
				</Button>
				<p className="text-sm text-muted">{t("accounts.bindPhone.note", { provider })}</p>
			</Form>
		</AuthCard>
	);
}
