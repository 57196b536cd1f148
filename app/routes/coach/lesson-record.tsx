import { useState } from "react";
import { useTranslation } from "react-i18next";
import { data, Link, useNavigation } from "react-router";
import { isAppError } from "~/lib/errors";
import type { FormErrors } from "~/lib/form.server";
import { type Locale, pageTitle } from "~/lib/i18n";
import { orPageError } from "~/lib/page-errors.server";
import { redirectWithToast } from "~/lib/toast.server";
import { fieldErrorKeys } from "~/lib/validation";
import { requireUser } from "~/modules/accounts/guards.server";
import { coachedLesson } from "~/modules/booking/completion/coached-lesson.server";
import { formatDateTime } from "~/modules/booking/components/time-format";
import { getBooking } from "~/modules/booking/read-bookings.server";
import { TapCounter } from "~/modules/learning/components/tap-counter";
import { listDrills } from "~/modules/learning/drills.server";
import { readLessonRecord, saveLessonRecord } from "~/modules/learning/lesson-record.server";
import {
	applyTap,
	drillRows,
	errorField,
	formFieldOf,
	formFromRecord,
	recordFromForm,
	shotField,
} from "~/modules/learning/record-form";
import { lessonRecordInputSchema } from "~/modules/learning/schema";
import { disciplines, errorTypes, skills } from "~/modules/learning/vocabulary";
import { Button } from "~/ui/button";
import { FormAlert } from "~/ui/form-alert";
import type { Route } from "./+types/lesson-record";

/**
 * 上课记录: the coach's record of a completed lesson, on a phone at the table: drills with scores,
 * shots by skill and errors by type with big tap counters, notes and homework. The form posts
 * without JavaScript (a counter's button then comes back with the count moved, nothing saved).
 */
async function lessonOf(request: Request, bookingId: string) {
	const session = await requireUser(request);
	const lesson = await orPageError(coachedLesson(bookingId, session.user.id));
	return { session, lesson };
}

export async function loader({ request, params }: Route.LoaderArgs) {
	const { session, lesson } = await lessonOf(request, params.bookingId);
	const { booking } = await orPageError(
		getBooking({ caller: { userId: session.user.id, roles: session.roles }, bookingId: lesson.bookingId }),
	);
	const record = await readLessonRecord(lesson.bookingId);
	return {
		bookingId: lesson.bookingId,
		player: booking.player.displayName,
		startsAt: booking.startsAt,
		drills: (await listDrills(undefined, { coachId: lesson.coachId })).map((drill) => ({
			id: drill.id,
			discipline: drill.discipline,
			name: drill.name,
			scoring: drill.scoring,
		})),
		values: record ? formFromRecord(record) : { discipline: "chinese_8_ball" },
		homework: record ? record.homework.map((drill) => drill.id) : [],
		editableUntil: record?.editableUntil ?? null,
		title: pageTitle(request, "learning.record.title"),
	};
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

type Outcome = { errors?: FormErrors; values: Record<string, string>; homework: string[] };

export async function action({ request, params }: Route.ActionArgs) {
	const { lesson } = await lessonOf(request, params.bookingId);
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		return data<Outcome>({ errors: { formError: "errors.badRequest" }, values: {}, homework: [] }, { status: 400 });
	}
	const values: Record<string, string> = {};
	for (const [name, value] of form)
		if (name !== "intent" && name !== "homework" && typeof value === "string") values[name] = value;
	const homework = form.getAll("homework").filter((value): value is string => typeof value === "string");
	const intent = String(form.get("intent") ?? "save");
	const tap = /^tap:([\w.]+):(-?1)$/.exec(intent);
	if (tap?.[1] && tap[2]) return data<Outcome>({ values: applyTap(values, tap[1], Number(tap[2])), homework });
	const body = recordFromForm(values, homework);
	const parsed = lessonRecordInputSchema.safeParse(body);
	if (!parsed.success) {
		const fields = Object.fromEntries(
			Object.entries(fieldErrorKeys(parsed.error)).map(([path, key]) => [formFieldOf(path, body), key]),
		);
		return data<Outcome>({ errors: { fields, formError: "errors.validationFailed" }, values, homework }, { status: 400 });
	}
	try {
		await saveLessonRecord({ lesson, record: parsed.data });
	} catch (error) {
		if (!isAppError(error)) throw error;
		const fields = error.options.fields
			? Object.fromEntries(Object.entries(error.options.fields).map(([path, key]) => [formFieldOf(path, body), key]))
			: undefined;
		return data<Outcome>(
			{ errors: { fields, formError: error.messageKey, params: error.options.params }, values, homework },
			{ status: error.status },
		);
	}
	return redirectWithToast(`/coach/orders/${lesson.bookingId}`, { kind: "success", messageKey: "learning.record.saved" });
}

export default function LessonRecordPage({ loaderData, actionData }: Route.ComponentProps) {
	const { t, i18n } = useTranslation();
	const locale = (i18n.language === "en" ? "en" : "zh-CN") as Locale;
	const navigation = useNavigation();
	const [values, setValues] = useState<Record<string, string>>(actionData?.values ?? loaderData.values);
	const [shown, setShown] = useState(actionData);
	if (actionData !== shown) {
		// A posted form came back (a tap without JavaScript, or refused input): show what it holds.
		setShown(actionData);
		if (actionData?.values) setValues(actionData.values);
	}
	const homework = new Set(actionData?.homework ?? loaderData.homework);
	const errors = actionData?.errors;
	const fieldError = (name: string) => (errors?.fields?.[name] ? t(errors.fields[name]) : null);
	const discipline = values.discipline ?? "chinese_8_ball";
	const drills = loaderData.drills.filter((drill) => drill.discipline === discipline);
	const onTap = (name: string, step: number) => setValues((current) => applyTap(current, name, step));
	const onType = (name: string, value: string) => setValues((current) => ({ ...current, [name]: value }));
	const set = (name: string) => (event: React.ChangeEvent<HTMLSelectElement | HTMLTextAreaElement | HTMLInputElement>) =>
		onType(name, event.target.value);
	const box = "rounded-2xl bg-white p-4 shadow-(--shadow-card) space-y-3";
	return (
		<div className="mx-auto max-w-2xl space-y-4 px-4 pt-5 pb-16">
			<Link to={`/coach/orders/${loaderData.bookingId}`} className="text-sm text-muted hover:text-ink">
				← {t("learning.record.back")}
			</Link>
			<header>
				<h1 className="text-2xl font-semibold">{t("learning.record.title")}</h1>
				<p className="text-muted">
					{t("learning.record.intro", { player: loaderData.player, time: formatDateTime(loaderData.startsAt, locale) })}
				</p>
				{loaderData.editableUntil ? (
					<p className="text-sm text-muted">
						{t("learning.record.editableUntil", { time: formatDateTime(String(loaderData.editableUntil), locale) })}
					</p>
				) : null}
			</header>
			<form method="post" className="space-y-4" noValidate>
				<FormAlert messageKey={errors?.formError} params={errors?.params} />
				<section className={box}>
					<label className="block space-y-1">
						<span className="font-medium">{t("learning.record.discipline")}</span>
						<select
							name="discipline"
							value={discipline}
							onChange={set("discipline")}
							className="h-12 w-full rounded-xl border border-stone-300 px-3"
						>
							{disciplines.map((d) => (
								<option key={d} value={d}>
									{t(`learning.disciplines.${d}`)}
								</option>
							))}
						</select>
					</label>
				</section>

				<section className={box} aria-labelledby="record-shots">
					<h2 id="record-shots" className="text-lg font-semibold">
						{t("learning.record.shots")}
					</h2>
					<p className="text-sm text-muted">{t("learning.record.shotsHint")}</p>
					<ul className="divide-y divide-stone-100">
						{skills.map((skill) => (
							<li key={skill} className="py-3">
								<p className="mb-1 font-medium">{t(`learning.skills.${skill}`)}</p>
								<div className="grid grid-cols-2 gap-3">
									{(["attempts", "made"] as const).map((part) => (
										<TapCounter
											key={part}
											name={shotField(skill, part)}
											label={`${t(`learning.skills.${skill}`)} ${t(`learning.record.${part}`)}`}
											value={values[shotField(skill, part)] ?? "0"}
											error={fieldError(shotField(skill, part))}
											onTap={onTap}
											onType={onType}
										/>
									))}
								</div>
							</li>
						))}
					</ul>
				</section>

				<section className={box} aria-labelledby="record-errors">
					<h2 id="record-errors" className="text-lg font-semibold">
						{t("learning.record.errors")}
					</h2>
					<div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
						{errorTypes.map((type) => (
							<TapCounter
								key={type}
								name={errorField(type)}
								label={t(`learning.errorTypes.${type}`)}
								value={values[errorField(type)] ?? "0"}
								error={fieldError(errorField(type))}
								onTap={onTap}
								onType={onType}
							/>
						))}
					</div>
				</section>

				<section className={box} aria-labelledby="record-drills">
					<h2 id="record-drills" className="text-lg font-semibold">
						{t("learning.record.drills")}
					</h2>
					{fieldError("drills") ? <p className="text-sm text-red-700">{fieldError("drills")}</p> : null}
					{Array.from({ length: drillRows }, (_, row) => (
						<fieldset key={row} className="space-y-2 border-t border-stone-100 pt-3 first-of-type:border-0">
							<legend className="sr-only">
								{t("learning.record.drill")} {row + 1}
							</legend>
							<select
								name={`drill.${row}.id`}
								value={values[`drill.${row}.id`] ?? ""}
								onChange={set(`drill.${row}.id`)}
								aria-label={`${t("learning.record.drill")} ${row + 1}`}
								className="h-12 w-full rounded-xl border border-stone-300 px-3"
							>
								<option value="">{t("learning.record.noDrill")}</option>
								{drills.map((drill) => (
									<option key={drill.id} value={drill.id}>
										{drill.name[locale]}
									</option>
								))}
							</select>
							<div className="grid grid-cols-2 gap-3">
								{(["attempts", "made", "score"] as const).map((part) => (
									<TapCounter
										key={part}
										name={`drill.${row}.${part}`}
										label={t(`learning.record.${part}`)}
										value={values[`drill.${row}.${part}`] ?? ""}
										onTap={onTap}
										onType={onType}
									/>
								))}
							</div>
						</fieldset>
					))}
				</section>

				<section className={box}>
					<label className="block space-y-1">
						<span className="text-lg font-semibold">{t("learning.record.notes")}</span>
						<textarea
							name="notes"
							rows={3}
							value={values.notes ?? ""}
							onChange={set("notes")}
							className="w-full rounded-xl border border-stone-300 p-3"
						/>
						{fieldError("notes") ? <span className="text-sm text-red-700">{fieldError("notes")}</span> : null}
					</label>
				</section>

				<details className={box}>
					<summary className="cursor-pointer text-lg font-semibold">{t("learning.record.homework")}</summary>
					<ul className="space-y-2">
						{drills.map((drill) => (
							<li key={drill.id}>
								<label className="flex min-h-11 items-center gap-3">
									<input
										type="checkbox"
										name="homework"
										value={drill.id}
										defaultChecked={homework.has(drill.id)}
										className="h-5 w-5"
									/>
									<span>{drill.name[locale]}</span>
								</label>
							</li>
						))}
					</ul>
				</details>

				<Button type="submit" name="intent" value="save" className="w-full" disabled={navigation.state !== "idle"}>
					{t("learning.record.save")}
				</Button>
			</form>
		</div>
	);
}
