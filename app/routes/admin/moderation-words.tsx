import { useTranslation } from "react-i18next";
import { data, useNavigation } from "react-router";
import { type FormErrors, formErrorsOf } from "~/lib/form.server";
import { pageTitle } from "~/lib/i18n";
import { redirectWithToast } from "~/lib/toast.server";
import { fieldErrorKeys } from "~/lib/validation";
import { requirePermission } from "~/modules/accounts/guards.server";
import { wordCategories } from "~/modules/moderation/categories";
import { wordIdSchema, wordInputSchema } from "~/modules/moderation/schema";
import { addWord, listWords, removeWord } from "~/modules/moderation/word-list.server";
import { Button } from "~/ui/button";
import { EmptyState } from "~/ui/empty-state";
import { Field } from "~/ui/field";
import { FormAlert } from "~/ui/form-alert";
import { Select } from "~/ui/select";
import type { Route } from "./+types/moderation-words";

/** The forbidden-word list: staff see it by category, add a word and remove one; every change is audited. */
export async function loader({ request }: Route.LoaderArgs) {
	await requirePermission(request, "moderate:content:any");
	return { words: await listWords(), title: pageTitle(request, "moderation.words.title") };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

type Outcome = { errors: FormErrors; word?: string; category?: string };

export async function action({ request }: Route.ActionArgs) {
	const session = await requirePermission(request, "moderate:content:any");
	let submitted: Record<string, string>;
	try {
		submitted = Object.fromEntries(await request.formData()) as Record<string, string>;
	} catch {
		return data<Outcome>({ errors: { formError: "errors.badRequest" } }, { status: 400 });
	}
	try {
		if (submitted.intent === "remove") {
			const wordId = wordIdSchema.safeParse(submitted.wordId);
			if (!wordId.success) return data<Outcome>({ errors: { formError: "moderation.errors.wordNotFound" } }, { status: 404 });
			await removeWord({ staffId: session.user.id, wordId: wordId.data });
			return redirectWithToast("/admin/moderation/words", { kind: "success", messageKey: "moderation.words.removed" });
		}
		const parsed = wordInputSchema.safeParse(submitted);
		if (!parsed.success) {
			return data<Outcome>({ errors: { fields: fieldErrorKeys(parsed.error) }, ...submitted }, { status: 400 });
		}
		await addWord({ staffId: session.user.id, ...parsed.data });
		return redirectWithToast("/admin/moderation/words", { kind: "success", messageKey: "moderation.words.added" });
	} catch (error) {
		const { errors, init } = formErrorsOf(error);
		return data<Outcome>({ errors, ...submitted }, init);
	}
}

export default function ModerationWords({ loaderData, actionData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const navigation = useNavigation();
	const busy = navigation.state === "submitting";
	const fieldError = (name: string) => {
		const key = actionData?.errors.fields?.[name];
		return key ? t(key) : null;
	};
	const categoryOptions = wordCategories.map((category) => ({ value: category, label: t(`moderation.categories.${category}`) }));
	return (
		<div className="space-y-6">
			<header>
				<h1 className="text-2xl font-semibold sm:text-3xl">{t("moderation.words.title")}</h1>
				<p className="mt-1 max-w-3xl text-muted">{t("moderation.words.intro")}</p>
			</header>
			<form method="post" className="flex flex-wrap items-end gap-3 rounded-3xl bg-white p-5 shadow-(--shadow-card)">
				<input type="hidden" name="intent" value="add" />
				<FormAlert messageKey={actionData?.errors.formError} params={actionData?.errors.params} />
				<Field
					className="min-w-0 flex-1 basis-48"
					label={t("moderation.words.wordLabel")}
					name="word"
					maxLength={50}
					defaultValue={actionData?.word ?? ""}
					error={fieldError("word")}
				/>
				<Field className="basis-40" label={t("moderation.words.categoryLabel")} error={fieldError("category")}>
					{(wiring) => (
						<Select {...wiring} name="category" defaultValue={actionData?.category ?? "abuse"} options={categoryOptions} />
					)}
				</Field>
				<Button type="submit" disabled={busy}>
					{t("moderation.words.add")}
				</Button>
			</form>
			{loaderData.words.length === 0 ? (
				<EmptyState icon="∅" title={t("moderation.words.empty")} />
			) : (
				<section className="rounded-3xl bg-white p-5 shadow-(--shadow-card)">
					<p className="text-sm text-muted">{t("moderation.words.count", { count: loaderData.words.length })}</p>
					<ul className="mt-3 divide-y divide-line">
						{loaderData.words.map((word) => (
							<li key={word.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2" data-testid="forbidden-word">
								<span className="font-medium">{word.word}</span>
								<span className="rounded-full bg-wood-100 px-2.5 py-0.5 text-xs text-wood-700">
									{t(`moderation.categories.${word.category}`)}
								</span>
								<span className="text-xs text-muted">
									{word.addedBy
										? t("moderation.words.addedBy", { name: word.addedBy.displayName })
										: t("moderation.words.starter")}
									{" · "}
									{word.createdAt.slice(0, 10)}
								</span>
								<form method="post" className="ml-auto">
									<input type="hidden" name="intent" value="remove" />
									<input type="hidden" name="wordId" value={word.id} />
									<Button
										type="submit"
										size="sm"
										variant="secondary"
										disabled={busy}
										aria-label={`${t("moderation.words.remove")} ${word.word}`}
									>
										{t("moderation.words.remove")}
									</Button>
								</form>
							</li>
						))}
					</ul>
				</section>
			)}
		</div>
	);
}
