import { useTranslation } from "react-i18next";
import { data, Link, useNavigation } from "react-router";
import { type FormErrors, formErrorsOf } from "~/lib/form.server";
import { type Locale, localeOfRequest, pageTitle } from "~/lib/i18n";
import { redirectWithToast } from "~/lib/toast.server";
import { fieldErrorKeys } from "~/lib/validation";
import { requireUser } from "~/modules/accounts/guards.server";
import { listDrills } from "~/modules/learning/drills.server";
import { logPractice } from "~/modules/learning/practice.server";
import { practiceInputSchema } from "~/modules/learning/schema";
import { disciplines } from "~/modules/learning/vocabulary";
import { Button } from "~/ui/button";
import { FormAlert } from "~/ui/form-alert";
import type { Route } from "./+types/practice";

/** 记录练习: the player logs a session against a catalogue drill; it counts toward their progress at once. */
export async function loader({ request }: Route.LoaderArgs) {
	await requireUser(request);
	const drills = await listDrills();
	const chosen = new URL(request.url).searchParams.get("drill");
	return {
		drills: drills.map((drill) => ({
			id: drill.id,
			discipline: drill.discipline,
			name: drill.name,
			setup: drill.setup,
			scoring: drill.scoring,
		})),
		chosen: drills.some((drill) => drill.id === chosen) ? chosen : null,
		locale: localeOfRequest(request),
		title: pageTitle(request, "learning.practice.title"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

type Outcome = { errors: FormErrors; values: Record<string, string> };
const numberOrUndefined = (value: FormDataEntryValue | null) => {
	const text = typeof value === "string" ? value.trim() : "";
	return text === "" ? undefined : Number(text);
};

export async function action({ request }: Route.ActionArgs) {
	const session = await requireUser(request);
	const form = await request.formData().catch(() => null);
	if (!form) return data<Outcome>({ errors: { formError: "errors.badRequest" }, values: {} }, { status: 400 });
	const values = Object.fromEntries([...form].filter(([, v]) => typeof v === "string")) as Record<string, string>;
	const parsed = practiceInputSchema.safeParse({
		drillId: values.drillId ?? "",
		attempts: numberOrUndefined(form.get("attempts")),
		made: numberOrUndefined(form.get("made")),
		score: numberOrUndefined(form.get("score")),
	});
	if (!parsed.success) return data<Outcome>({ errors: { fields: fieldErrorKeys(parsed.error) }, values }, { status: 400 });
	try {
		const logged = await logPractice({ playerId: session.user.id, practice: parsed.data });
		return redirectWithToast(`/me/progress?discipline=${logged.discipline}`, {
			kind: "success",
			messageKey: "learning.practice.saved",
		});
	} catch (error) {
		const { errors, init } = formErrorsOf(error);
		return data<Outcome>({ errors, values }, init);
	}
}

export default function PracticePage({ loaderData, actionData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const navigation = useNavigation();
	const locale = loaderData.locale as Locale;
	const errors = actionData?.errors;
	const values = actionData?.values ?? {};
	const fieldError = (name: string) => (errors?.fields?.[name] ? t(errors.fields[name]) : null);
	const input = "h-12 w-full rounded-xl border border-stone-300 px-3 text-lg";
	const chosen = values.drillId ?? loaderData.chosen ?? "";
	return (
		<div className="mx-auto max-w-xl space-y-4 px-4 pt-5 pb-16 sm:pt-8">
			<Link to="/me/progress" className="text-sm text-muted hover:text-ink">
				← {t("learning.progress.title")}
			</Link>
			<header>
				<h1 className="text-2xl font-semibold">{t("learning.practice.title")}</h1>
				<p className="text-sm text-muted">{t("learning.practice.intro")}</p>
			</header>
			<form method="post" className="space-y-4 rounded-2xl bg-white p-4 shadow-(--shadow-card)" noValidate>
				<FormAlert messageKey={errors?.formError} params={errors?.params} />
				<label className="block space-y-1">
					<span className="font-medium">{t("learning.practice.drill")}</span>
					<select name="drillId" defaultValue={chosen} className={input} aria-invalid={fieldError("drillId") ? true : undefined}>
						<option value="" />
						{disciplines.map((d) => (
							<optgroup key={d} label={t(`learning.disciplines.${d}`)}>
								{loaderData.drills
									.filter((drill) => drill.discipline === d)
									.map((drill) => (
										<option key={drill.id} value={drill.id}>
											{drill.name[locale]} ·{" "}
											{drill.scoring.kind === "ladder"
												? t("learning.scoring.ladder", { positions: drill.scoring.ladderPositions })
												: t("learning.scoring.made_of_attempts", { attempts: drill.scoring.attempts })}
										</option>
									))}
							</optgroup>
						))}
					</select>
					{fieldError("drillId") ? <span className="text-sm text-red-700">{fieldError("drillId")}</span> : null}
				</label>
				<div className="grid grid-cols-2 gap-3">
					{(["attempts", "made"] as const).map((name) => (
						<label key={name} className="block space-y-1">
							<span className="font-medium">{t(`learning.practice.${name}`)}</span>
							<input
								name={name}
								inputMode="numeric"
								defaultValue={values[name] ?? ""}
								className={input}
								aria-invalid={fieldError(name) ? true : undefined}
							/>
							{fieldError(name) ? <span className="text-sm text-red-700">{fieldError(name)}</span> : null}
						</label>
					))}
				</div>
				<label className="block space-y-1">
					<span className="font-medium">{t("learning.practice.score")}</span>
					<input name="score" inputMode="numeric" defaultValue={values.score ?? ""} className={input} />
					{fieldError("score") ? <span className="text-sm text-red-700">{fieldError("score")}</span> : null}
				</label>
				<Button type="submit" className="w-full" disabled={navigation.state !== "idle"}>
					{t("learning.practice.save")}
				</Button>
			</form>
		</div>
	);
}
