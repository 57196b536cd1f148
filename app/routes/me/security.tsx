import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, useActionData, useNavigation } from "react-router";
import { z } from "zod";
import { type FormErrors, formErrorsOf } from "~/lib/form.server";
import { localeOfRequest, pageTitle } from "~/lib/i18n";
import { requestInfo } from "~/lib/request-context.server";
import { redirectWithToast } from "~/lib/toast.server";
import { fieldErrorKeys } from "~/lib/validation";
import { changePassword } from "~/modules/accounts/change-password.server";
import { LinkedAccounts } from "~/modules/accounts/components/linked-accounts";
import { deleteAccount } from "~/modules/accounts/delete-account.server";
import { type FreshProof, freshProofSchema, requireFreshProof, sendFreshProofCode } from "~/modules/accounts/fresh-proof.server";
import { requireUser } from "~/modules/accounts/guards.server";
import { maskPhone } from "~/modules/accounts/phone";
import { passwordSchema } from "~/modules/accounts/schema";
import {
	clearedSessionCookie,
	listSessions,
	revokeSessionByHandle,
	revokeUserSessions,
} from "~/modules/accounts/sessions.server";
import { linkedSocialAccounts } from "~/modules/accounts/social/linked-social-accounts.server";
import { beginTwoFactorSetup, disableTwoFactor, enableTwoFactor } from "~/modules/accounts/two-factor.server";
import { toPublicUser } from "~/modules/accounts/users.server";
import { Button } from "~/ui/button";
import { Field } from "~/ui/field";
import { FormAlert } from "~/ui/form-alert";
import type { Route } from "./+types/security";

export async function loader({ request }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const user = await toPublicUser(session.user);
	return {
		user: { ...user, phone: user.phone ? maskPhone(user.phone) : null },
		sessions: await listSessions(session.user.id, session.sessionId),
		linkedAccounts: await linkedSocialAccounts(session.user.id),
		title: pageTitle(request, "accounts.security.title"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

const intents = {
	"revoke-session": z.object({ session: z.string().regex(/^[0-9a-f]{16}$/) }),
	"revoke-others": z.object({}),
	"change-password": freshProofSchema.extend({ newPassword: passwordSchema }),
	"proof-code": z.object({}),
	"totp-begin": z.object({}),
	"totp-enable": z.object({
		code: z
			.string()
			.trim()
			.regex(/^\d{6}$/, "accounts.errors.totpInvalid"),
	}),
	"totp-disable": z.object({ code: z.string().trim().min(6, "accounts.errors.totpInvalid").max(20) }),
	"delete-account": freshProofSchema.extend({ confirm: z.string().trim().default("") }),
} as const;

type Outcome = {
	intent: string;
	errors: FormErrors;
	secret?: string;
	uri?: string;
	recoveryCodes?: string[];
	proofCodeSent?: boolean;
};

export async function action({ request, context }: Route.ActionArgs) {
	const session = await requireUser(request);
	const formData = await request.formData();
	const intent = String(formData.get("intent")) as keyof typeof intents;
	// Own keys only: `__proto__` or `constructor` would otherwise find Object's and fail with a 500.
	const schema = Object.hasOwn(intents, intent) ? intents[intent] : undefined;
	if (!schema) return data<Outcome>({ intent, errors: { formError: "errors.badRequest" } }, { status: 400 });
	// An empty field is no answer: the proof is whichever one of its fields was filled in.
	const parsed = schema.safeParse(Object.fromEntries([...formData].filter(([, value]) => value !== "")));
	if (!parsed.success) return data<Outcome>({ intent, errors: { fields: fieldErrorKeys(parsed.error) } }, { status: 400 });
	const input = parsed.data as Record<string, string>;
	const userId = session.user.id;
	try {
		switch (intent) {
			case "revoke-session":
				await revokeSessionByHandle(userId, input.session as string);
				return redirectWithToast("/me/security", { kind: "success", messageKey: "accounts.security.signedOutSession" });
			case "revoke-others":
				await revokeUserSessions(userId, session.sessionId);
				return redirectWithToast("/me/security", { kind: "success", messageKey: "accounts.security.signedOutOthers" });
			case "change-password":
				await changePassword({
					userId,
					sessionId: session.sessionId,
					proof: proofOf(input),
					newPassword: input.newPassword as string,
				});
				return redirectWithToast("/me/security", { kind: "success", messageKey: "accounts.security.passwordChanged" });
			case "proof-code":
				await sendFreshProofCode({ userId, ip: requestInfo(context).clientIp, locale: localeOfRequest(request) });
				return data<Outcome>({ intent, errors: {}, proofCodeSent: true });
			case "totp-begin":
				return data<Outcome>({ intent, errors: {}, ...(await beginTwoFactorSetup(userId)) });
			case "totp-enable":
				return data<Outcome>({
					intent,
					errors: {},
					recoveryCodes: await enableTwoFactor(userId, input.code as string, session.sessionId),
				});
			case "totp-disable":
				await disableTwoFactor(userId, input.code as string);
				return redirectWithToast("/me/security", { kind: "success", messageKey: "accounts.security.twoFactorDisabled" });
			case "delete-account": {
				const word = ["注销", "DELETE"];
				if (!word.includes(input.confirm as string)) {
					return data<Outcome>({ intent, errors: { fields: { confirm: "accounts.errors.confirmDeletion" } } }, { status: 400 });
				}
				await requireFreshProof(userId, proofOf(input));
				await deleteAccount(userId);
				return redirectWithToast(
					"/",
					{ kind: "info", messageKey: "accounts.security.deleted" },
					{ headers: { "Set-Cookie": clearedSessionCookie() } },
				);
			}
		}
	} catch (error) {
		const { errors, init } = formErrorsOf(error);
		return data<Outcome>({ intent, errors }, init);
	}
}

const proofOf = (input: Record<string, string | undefined>): FreshProof => ({
	currentPassword: input.currentPassword,
	smsCode: input.smsCode,
	totpCode: input.totpCode,
});

/** The fresh-proof fields of a form: whichever ways this account can prove it is its owner. */
function ProofFields({
	user,
	fieldError,
	codeSent,
}: {
	user: { hasPassword: boolean; phone: string | null; twoFactorEnabled: boolean };
	fieldError: (name: string) => string | null;
	codeSent: boolean;
}) {
	const { t } = useTranslation();
	return (
		<fieldset className="space-y-3 rounded-2xl bg-paper p-4">
			<legend className="px-1 text-sm font-medium">{t("accounts.security.proofTitle")}</legend>
			{user.hasPassword ? (
				<Field
					label={t("accounts.security.currentPassword")}
					name="currentPassword"
					type="password"
					autoComplete="current-password"
					error={fieldError("currentPassword")}
				/>
			) : null}
			{user.phone ? (
				<div className="space-y-2">
					<Field
						label={t("accounts.security.proofSmsCode")}
						name="smsCode"
						inputMode="numeric"
						autoComplete="one-time-code"
						maxLength={6}
						error={fieldError("smsCode")}
					/>
					<Button type="submit" form="proof-code-form" variant="secondary" size="sm">
						{t("accounts.security.proofSendCode", { phone: user.phone })}
					</Button>
					{codeSent ? <p className="text-sm text-cloth-800">{t("accounts.security.proofCodeSent")}</p> : null}
				</div>
			) : null}
			{user.twoFactorEnabled ? (
				<Field
					label={t("accounts.security.proofTotp")}
					name="totpCode"
					autoComplete="one-time-code"
					error={fieldError("totpCode")}
				/>
			) : null}
		</fieldset>
	);
}

function Section({ title, children, danger }: { title: string; children: ReactNode; danger?: boolean }) {
	return (
		<section className={`rounded-3xl bg-white p-5 shadow-(--shadow-card) sm:p-6 ${danger ? "ring-1 ring-red-200" : ""}`}>
			<h2 className="text-lg font-semibold">{title}</h2>
			<div className="mt-3">{children}</div>
		</section>
	);
}

export default function Security({ loaderData }: Route.ComponentProps) {
	const { t, i18n } = useTranslation();
	const outcome = useActionData<typeof action>() as Outcome | undefined;
	const navigation = useNavigation();
	const busy = (intent: string) => navigation.state !== "idle" && navigation.formData?.get("intent") === intent;
	const errorsFor = (intent: string): FormErrors => (outcome?.intent === intent ? outcome.errors : {});
	const fieldError = (intent: string, name: string) => {
		const key = errorsFor(intent).fields?.[name];
		return key ? t(key) : null;
	};
	const { user, sessions } = loaderData;
	const placeName = (place: string) =>
		place === "local" ? t("accounts.security.placeLocal") : place === "private" ? t("accounts.security.placePrivate") : place;
	const [confirmWord, setConfirmWord] = useState("");

	return (
		<div className="mx-auto max-w-2xl space-y-5 px-4 py-6 sm:py-10">
			<h1 className="text-2xl font-semibold">{t("accounts.security.title")}</h1>
			{/* The proof fields' "send a code" buttons submit this form, from inside the other forms. */}
			<Form method="post" id="proof-code-form" hidden>
				<input type="hidden" name="intent" value="proof-code" />
			</Form>
			<FormAlert messageKey={errorsFor("proof-code").formError} params={errorsFor("proof-code").params} />

			<Section title={t("accounts.security.sessions")}>
				<p className="text-sm text-muted">{t("accounts.security.sessionsBody")}</p>
				<ul className="mt-4 divide-y divide-line">
					{sessions.map((item) => (
						<li key={item.id} className="flex items-center justify-between gap-3 py-3" data-testid="session">
							<div className="min-w-0">
								<p className="font-medium">
									{item.device || t("accounts.security.unknownDevice")}
									{item.current ? (
										<span className="ml-2 rounded-full bg-cloth-50 px-2 py-0.5 text-xs text-cloth-800">
											{t("accounts.security.thisDevice")}
										</span>
									) : null}
								</p>
								<p className="text-sm text-muted">
									{[placeName(item.place), item.ip].filter(Boolean).join(" · ")} ·{" "}
									{t("accounts.security.lastSeen", {
										time: new Date(item.lastSeenAt).toLocaleString(i18n.language, { timeZone: "Asia/Shanghai" }),
									})}
								</p>
							</div>
							{item.current ? null : (
								// The device text beside it may wrap; the button keeps its width so "退出" stays one word.
								<Form method="post" className="shrink-0">
									<input type="hidden" name="intent" value="revoke-session" />
									<input type="hidden" name="session" value={item.id} />
									<Button type="submit" variant="secondary" size="sm" className="whitespace-nowrap">
										{t("accounts.security.signOutSession")}
									</Button>
								</Form>
							)}
						</li>
					))}
				</ul>
				{sessions.length > 1 ? (
					<Form method="post" className="mt-3">
						<input type="hidden" name="intent" value="revoke-others" />
						<Button type="submit" variant="ghost" size="sm" busy={busy("revoke-others")}>
							{t("accounts.security.signOutEverywhere")}
						</Button>
					</Form>
				) : null}
			</Section>

			<Section title={t("accounts.security.methods")}>
				<dl className="divide-y divide-line">
					<div className="flex justify-between py-2">
						<dt>{t("accounts.security.phone")}</dt>
						<dd className="text-muted">{user.phone ?? t("accounts.security.notBound")}</dd>
					</div>
					<div className="flex justify-between py-2">
						<dt>{t("accounts.security.email")}</dt>
						<dd className="text-muted">{user.email ?? t("accounts.security.notBound")}</dd>
					</div>
				</dl>
				<LinkedAccounts accounts={loaderData.linkedAccounts} redirectTo="/me/security" />
			</Section>

			<Section title={t("accounts.security.password")}>
				<Form method="post" className="space-y-3" noValidate>
					<input type="hidden" name="intent" value="change-password" />
					<ProofFields
						user={user}
						fieldError={(name) => fieldError("change-password", name)}
						codeSent={Boolean(outcome?.proofCodeSent)}
					/>
					<Field
						label={t("accounts.security.newPassword")}
						name="newPassword"
						type="password"
						autoComplete="new-password"
						hint={t("accounts.signup.passwordHint")}
						error={fieldError("change-password", "newPassword")}
					/>
					<FormAlert messageKey={errorsFor("change-password").formError} params={errorsFor("change-password").params} />
					<Button type="submit" busy={busy("change-password")}>
						{user.hasPassword ? t("accounts.security.changePassword") : t("accounts.security.setPassword")}
					</Button>
				</Form>
			</Section>

			<Section title={t("accounts.security.twoFactor")}>
				<p className="text-sm text-muted">{t("accounts.security.twoFactorBody")}</p>
				<p className="mt-2 text-sm">
					{user.twoFactorEnabled ? t("accounts.security.twoFactorOn") : t("accounts.security.twoFactorOff")}
				</p>
				{outcome?.recoveryCodes ? (
					<div className="mt-3 space-y-2">
						<FormAlert tone="success" messageKey="accounts.security.twoFactorEnabled" />
						<ul className="grid grid-cols-2 gap-2 font-mono text-sm">
							{outcome.recoveryCodes.map((code) => (
								<li key={code} className="rounded-lg bg-paper px-3 py-1.5">
									{code}
								</li>
							))}
						</ul>
					</div>
				) : user.twoFactorEnabled ? (
					<Form method="post" className="mt-3 space-y-3" noValidate>
						<input type="hidden" name="intent" value="totp-disable" />
						<Field
							label={t("accounts.twoFactor.code")}
							name="code"
							autoComplete="one-time-code"
							error={fieldError("totp-disable", "code")}
						/>
						<Button type="submit" variant="secondary" busy={busy("totp-disable")}>
							{t("accounts.security.twoFactorDisable")}
						</Button>
					</Form>
				) : outcome?.secret || outcome?.intent === "totp-enable" ? (
					<Form method="post" className="mt-3 space-y-3" noValidate>
						<p className="text-sm">{t("accounts.security.twoFactorScan")}</p>
						{outcome.secret ? (
							<p className="break-all rounded-lg bg-paper px-3 py-2 font-mono text-sm" data-testid="totp-secret">
								<span className="sr-only">{t("accounts.security.twoFactorSecret")}: </span>
								{outcome.secret}
							</p>
						) : null}
						<input type="hidden" name="intent" value="totp-enable" />
						<Field
							label={t("accounts.security.twoFactorCode")}
							name="code"
							inputMode="numeric"
							autoComplete="one-time-code"
							maxLength={6}
							error={fieldError("totp-enable", "code")}
						/>
						<Button type="submit" busy={busy("totp-enable")}>
							{t("accounts.security.twoFactorEnable")}
						</Button>
					</Form>
				) : (
					<Form method="post" className="mt-3">
						<input type="hidden" name="intent" value="totp-begin" />
						<Button type="submit" variant="secondary" busy={busy("totp-begin")}>
							{t("accounts.security.twoFactorSetup")}
						</Button>
					</Form>
				)}
			</Section>

			<Section title={t("legal.export.title")}>
				<p className="text-sm text-muted">{t("legal.export.body")}</p>
				{/* A plain download: the file comes from a resource route, not a page navigation. */}
				<a
					href="/me/security/export"
					download
					className="mt-3 inline-flex h-10 items-center rounded-full px-4 text-sm font-medium text-cloth-800 ring-1 ring-inset ring-line hover:bg-paper"
				>
					{t("legal.export.button")}
				</a>
			</Section>
			<Section title={t("accounts.security.deleteAccount")} danger>
				<p className="text-sm text-muted">{t("accounts.security.deleteBody")}</p>
				<Form method="post" className="mt-3 space-y-3" noValidate>
					<input type="hidden" name="intent" value="delete-account" />
					<Field
						label={t("accounts.security.deleteConfirm")}
						name="confirm"
						value={confirmWord}
						onChange={(event) => setConfirmWord(event.target.value)}
						error={fieldError("delete-account", "confirm")}
					/>
					<ProofFields
						user={user}
						fieldError={(name) => fieldError("delete-account", name)}
						codeSent={Boolean(outcome?.proofCodeSent)}
					/>
					<FormAlert messageKey={errorsFor("delete-account").formError} params={errorsFor("delete-account").params} />
					<Button type="submit" variant="danger" busy={busy("delete-account")}>
						{t("accounts.security.deleteSubmit")}
					</Button>
				</Form>
			</Section>
		</div>
	);
}
