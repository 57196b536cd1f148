import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useActionData, useNavigation, useSearchParams } from "react-router";
import { z } from "zod";
import { type FormErrors, formFailure, parseForm } from "~/lib/form.server";
import { localeOfRequest, pageTitle } from "~/lib/i18n";
import { requestInfo } from "~/lib/request-context.server";
import { sendCode } from "~/modules/accounts/codes.server";
import { HumanCheck, humanCheckRefusals } from "~/modules/accounts/components/human-check";
import { SocialLoginButtons } from "~/modules/accounts/components/social-login-buttons";
import { getUserSession } from "~/modules/accounts/guards.server";
import { humanCheckNeeded } from "~/modules/accounts/human-check.server";
import { phoneSchema } from "~/modules/accounts/phone";
import { agreeTermsField, humanCheckSchema, passwordLoginSchema, smsLoginSchema } from "~/modules/accounts/schema";
import { signInWithPassword } from "~/modules/accounts/sign-in-with-password.server";
import { signInWithSms } from "~/modules/accounts/sign-in-with-sms.server";
import { configuredProviders } from "~/modules/accounts/social/providers.server";
import { clientOfPage, safeRedirect, signedInRedirect } from "~/modules/accounts/web-session.server";
import { TermsConsent } from "~/modules/legal/components/terms-consent";
import { AuthCard } from "~/ui/auth-card";
import { Button } from "~/ui/button";
import { cn } from "~/ui/cn";
import { Field } from "~/ui/field";
import { FormAlert } from "~/ui/form-alert";
import type { Route } from "./+types/login";

export async function loader({ request, context }: Route.LoaderArgs) {
	const url = new URL(request.url);
	const redirectTo = safeRedirect(url.searchParams.get("redirectTo"));
	if (await getUserSession(request)) throw redirect(redirectTo);
	return {
		redirectTo,
		socialProviders: configuredProviders(),
		humanCheckNeeded: await humanCheckNeeded(requestInfo(context).clientIp),
		title: pageTitle(request, "accounts.login.title"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, context }: Route.ActionArgs) {
	const formData = await request.formData();
	const intent = formData.get("intent");
	const redirectTo = safeRedirect(formData.get("redirectTo"));
	const locale = localeOfRequest(request);
	try {
		if (intent === "send-code") {
			const parsed = parseForm(formData, z.object({ phone: phoneSchema, challenge: humanCheckSchema }));
			if (!parsed.ok) return parsed.response;
			await sendCode({
				purpose: "login",
				target: { kind: "phone", phone: parsed.data.phone },
				ip: requestInfo(context).clientIp,
				locale,
				challenge: parsed.data.challenge,
			});
			return data({ codeSent: true as const, errors: {} as FormErrors });
		}
		if (intent === "sms-login") {
			const parsed = parseForm(formData, smsLoginSchema.extend({ agreeTerms: agreeTermsField }));
			if (!parsed.ok) return parsed.response;
			const { agreeTerms, ...login } = parsed.data;
			const result = await signInWithSms({ ...login, termsVersion: agreeTerms, client: clientOfPage(request, context), locale });
			return signedInRedirect(result, redirectTo, {
				kind: "success",
				messageKey: result.created ? "accounts.login.welcomeNew" : "accounts.login.welcome",
			});
		}
		const parsed = parseForm(formData, passwordLoginSchema);
		if (!parsed.ok) return parsed.response;
		const result = await signInWithPassword({ ...parsed.data, client: clientOfPage(request, context) });
		return signedInRedirect(result, redirectTo, { kind: "success", messageKey: "accounts.login.welcome" });
	} catch (error) {
		return formFailure(error);
	}
}

export default function Login({ loaderData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const [searchParams] = useSearchParams();
	const method = searchParams.get("method") === "password" ? "password" : "sms";
	const tabLink = (value: string) => {
		const params = new URLSearchParams(searchParams);
		if (value === "sms") params.delete("method");
		else params.set("method", value);
		return `?${params}`;
	};
	return (
		<AuthCard
			title={t("accounts.login.title")}
			subtitle={t("accounts.login.subtitle")}
			footer={
				<div className="flex justify-center gap-4">
					<Link to="/signup/email" className="text-cloth-700 hover:underline">
						{t("accounts.login.emailSignup")}
					</Link>
					<Link to="/forgot-password" className="text-cloth-700 hover:underline">
						{t("accounts.login.forgot")}
					</Link>
				</div>
			}
		>
			<nav className="mb-6 grid grid-cols-2 rounded-full bg-paper p-1 text-sm" aria-label={t("accounts.login.title")}>
				{(["sms", "password"] as const).map((value) => (
					<Link
						key={value}
						to={tabLink(value)}
						replace
						aria-current={method === value ? "page" : undefined}
						className={cn(
							"rounded-full py-2 text-center transition-colors",
							method === value ? "bg-white font-medium text-cloth-800 shadow-sm" : "text-muted",
						)}
					>
						{t(value === "sms" ? "accounts.login.tabSms" : "accounts.login.tabPassword")}
					</Link>
				))}
			</nav>
			{method === "sms" ? (
				<SmsForm redirectTo={loaderData.redirectTo} humanCheckNeeded={loaderData.humanCheckNeeded} />
			) : (
				<PasswordForm redirectTo={loaderData.redirectTo} />
			)}
			<SocialLoginButtons providers={loaderData.socialProviders} redirectTo={loaderData.redirectTo} />
		</AuthCard>
	);
}

function useErrors() {
	const actionData = useActionData<typeof action>();
	const errors: FormErrors = (actionData && "errors" in actionData ? actionData.errors : undefined) ?? {};
	const codeSent = Boolean(actionData && "codeSent" in actionData && actionData.codeSent);
	return { errors, codeSent };
}

function SmsForm({ redirectTo, humanCheckNeeded }: { redirectTo: string; humanCheckNeeded: boolean }) {
	const { t } = useTranslation();
	const { errors, codeSent } = useErrors();
	const formRef = useRef<HTMLFormElement>(null);
	// Refused for want of a check: once the browser has solved one, send again by itself.
	const refusedForCheck = humanCheckRefusals.includes(errors.formError ?? "");
	const resend = () => {
		const button = formRef.current?.querySelector<HTMLButtonElement>('button[value="send-code"]');
		if (refusedForCheck && button) formRef.current?.requestSubmit(button);
	};
	const navigation = useNavigation();
	const busyIntent = navigation.state !== "idle" ? navigation.formData?.get("intent") : null;
	const [cooldown, setCooldown] = useState(0);
	useEffect(() => {
		if (codeSent) setCooldown(60);
	}, [codeSent]);
	useEffect(() => {
		if (cooldown <= 0) return;
		const timer = setTimeout(() => setCooldown((value) => value - 1), 1000);
		return () => clearTimeout(timer);
	}, [cooldown]);
	const fieldError = (name: string) => (errors.fields?.[name] ? t(errors.fields[name]) : null);
	return (
		<Form method="post" className="space-y-4" noValidate ref={formRef}>
			<input type="hidden" name="redirectTo" value={redirectTo} />
			<Field
				label={t("accounts.login.phone")}
				name="phone"
				type="tel"
				inputMode="tel"
				autoComplete="tel"
				placeholder={t("accounts.login.phonePlaceholder")}
				error={fieldError("phone")}
				required
			/>
			<div className="flex items-end gap-2">
				<Field
					className="flex-1"
					label={t("accounts.login.code")}
					name="code"
					inputMode="numeric"
					autoComplete="one-time-code"
					maxLength={6}
					placeholder={t("accounts.login.codePlaceholder")}
					error={fieldError("code")}
				/>
				<Button
					type="submit"
					name="intent"
					value="send-code"
					variant="secondary"
					className={cn("shrink-0", fieldError("code") ? "mb-7" : "")}
					busy={busyIntent === "send-code"}
					disabled={cooldown > 0}
				>
					{cooldown > 0 ? t("accounts.login.resendIn", { seconds: cooldown }) : t("accounts.login.sendCode")}
				</Button>
			</div>
			<HumanCheck needed={humanCheckNeeded || refusedForCheck} onSolved={resend} />
			{codeSent ? <FormAlert tone="success" messageKey="accounts.login.codeSent" /> : null}
			{/* A number seen for the first time becomes an account: that needs the agreement (the server says so if missing). */}
			<TermsConsent error={fieldError("agreeTerms")} />
			<FormAlert messageKey={errors.formError} params={errors.params} />
			<Button type="submit" name="intent" value="sms-login" size="lg" className="w-full" busy={busyIntent === "sms-login"}>
				{t("accounts.login.submit")}
			</Button>
		</Form>
	);
}

function PasswordForm({ redirectTo }: { redirectTo: string }) {
	const { t } = useTranslation();
	const { errors } = useErrors();
	const navigation = useNavigation();
	const fieldError = (name: string) => (errors.fields?.[name] ? t(errors.fields[name]) : null);
	const formRef = useRef<HTMLFormElement>(null);
	// Many tries on one account ask for the human check; once solved, the form tries again by itself.
	const refusedForCheck = humanCheckRefusals.includes(errors.formError ?? "");
	const retry = () => {
		const button = formRef.current?.querySelector<HTMLButtonElement>('button[value="password-login"]');
		if (refusedForCheck && button) formRef.current?.requestSubmit(button);
	};
	return (
		<Form method="post" className="space-y-4" noValidate ref={formRef}>
			<input type="hidden" name="redirectTo" value={redirectTo} />
			<Field
				label={t("accounts.login.identifier")}
				name="identifier"
				autoComplete="username"
				error={fieldError("identifier")}
				required
			/>
			<Field
				label={t("accounts.login.password")}
				name="password"
				type="password"
				autoComplete="current-password"
				error={fieldError("password")}
				required
			/>
			<FormAlert messageKey={errors.formError} params={errors.params} />
			{refusedForCheck ? <HumanCheck needed onSolved={retry} /> : null}
			<Button type="submit" name="intent" value="password-login" size="lg" className="w-full" busy={navigation.state !== "idle"}>
				{t("accounts.login.submit")}
			</Button>
		</Form>
	);
}
