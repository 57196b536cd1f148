import { useTranslation } from "react-i18next";
import { Form, redirect, useActionData, useNavigation } from "react-router";
import { z } from "zod";
import { formFailure, parseForm } from "~/lib/form.server";
import { pageTitle } from "~/lib/i18n";
import { redirectWithToast } from "~/lib/toast.server";
import { getSession } from "~/modules/accounts/guards.server";
import { verifySecondFactor } from "~/modules/accounts/two-factor.server";
import { safeRedirect } from "~/modules/accounts/web-session.server";
import { AuthCard } from "~/ui/auth-card";
import { Button } from "~/ui/button";
import { Field } from "~/ui/field";
import { FormAlert } from "~/ui/form-alert";
import type { Route } from "./+types/two-factor";

async function pendingSession(request: Request) {
	const session = await getSession(request);
	if (!session) throw redirect("/login");
	if (!session.secondFactorPending) throw redirect("/me");
	return session;
}

export async function loader({ request }: Route.LoaderArgs) {
	await pendingSession(request);
	return {
		redirectTo: safeRedirect(new URL(request.url).searchParams.get("redirectTo")),
		title: pageTitle(request, "accounts.twoFactor.title"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request }: Route.ActionArgs) {
	const session = await pendingSession(request);
	const formData = await request.formData();
	const parsed = parseForm(formData, z.object({ code: z.string().trim().min(6, "accounts.errors.totpInvalid").max(20) }));
	if (!parsed.ok) return parsed.response;
	try {
		await verifySecondFactor({ userId: session.user.id, sessionId: session.sessionId, code: parsed.data.code });
	} catch (error) {
		return formFailure(error);
	}
	return redirectWithToast(safeRedirect(formData.get("redirectTo")), { kind: "success", messageKey: "accounts.login.welcome" });
}

export default function TwoFactor({ loaderData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const errors = useActionData<typeof action>()?.errors;
	const navigation = useNavigation();
	return (
		<AuthCard title={t("accounts.twoFactor.title")} subtitle={t("accounts.twoFactor.body")}>
			<Form method="post" className="space-y-4" noValidate>
				<input type="hidden" name="redirectTo" value={loaderData.redirectTo} />
				<Field
					label={t("accounts.twoFactor.code")}
					name="code"
					autoComplete="one-time-code"
					error={errors?.fields?.code ? t(errors.fields.code) : null}
					required
				/>
				<FormAlert messageKey={errors?.formError} params={errors?.params} />
				<Button type="submit" size="lg" className="w-full" busy={navigation.state !== "idle"}>
					{t("accounts.twoFactor.submit")}
				</Button>
			</Form>
		</AuthCard>
	);
}
