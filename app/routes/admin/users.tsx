import { useTranslation } from "react-i18next";
import { Form, Link, useNavigation } from "react-router";
import { isAppError } from "~/lib/errors";
import { pageTitle } from "~/lib/i18n";
import { fieldErrorKeys } from "~/lib/validation";
import { KeysetPagination } from "~/modules/accounts/admin/components/keyset-pagination";
import { RoleChips, StatusBadge } from "~/modules/accounts/admin/components/status-badge";
import { formatShanghai } from "~/modules/accounts/admin/format";
import { userSearchSchema } from "~/modules/accounts/admin/schema";
import { searchUsers, type UserSearchResult } from "~/modules/accounts/admin/search-users.server";
import { requirePermission } from "~/modules/accounts/guards.server";
import { Button } from "~/ui/button";
import { EmptyState } from "~/ui/empty-state";
import { Field } from "~/ui/field";
import type { Route } from "./+types/users";

export async function loader({ request }: Route.LoaderArgs) {
	await requirePermission(request, "read:user:any");
	const title = pageTitle(request, "admin.users.title");
	const params = Object.fromEntries(new URL(request.url).searchParams);
	const parsed = userSearchSchema.safeParse({ q: params.q, cursor: params.cursor });
	if (!parsed.success) return { title, q: params.q ?? "", result: null, errors: fieldErrorKeys(parsed.error) };
	const q = parsed.data.q ?? "";
	if (!q) return { title, q, result: null, errors: {} as Record<string, string> };
	try {
		return { title, q, result: await searchUsers(parsed.data), errors: {} as Record<string, string> };
	} catch (error) {
		if (isAppError(error) && error.options.fields) return { title, q, result: null, errors: error.options.fields };
		throw error;
	}
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export default function AdminUsers({ loaderData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const { q, result, errors } = loaderData;
	const navigation = useNavigation();
	const searching = navigation.state === "loading" && navigation.location.pathname === "/admin";
	const error = errors.q ?? errors.cursor;
	return (
		<div className="space-y-6">
			<h1 className="text-2xl font-semibold sm:text-3xl">{t("admin.users.title")}</h1>
			<Form method="get" role="search" className="flex items-end gap-2 sm:max-w-2xl">
				<Field
					className="flex-1"
					label={t("admin.users.searchLabel")}
					type="search"
					name="q"
					defaultValue={q}
					placeholder={t("admin.users.searchPlaceholder")}
					maxLength={100}
					autoComplete="off"
					enterKeyHint="search"
					error={error ? t(error) : null}
				/>
				<Button type="submit" busy={searching} className={error ? "mb-7" : undefined}>
					{t("admin.users.searchSubmit")}
				</Button>
			</Form>
			{result ? <Results result={result} /> : null}
			{!result && !error ? (
				<EmptyState icon="🔍" title={t("admin.users.promptTitle")} body={t("admin.users.promptBody")} />
			) : null}
		</div>
	);
}

function Results({ result }: { result: UserSearchResult }) {
	const { t } = useTranslation();
	if (result.users.length === 0) {
		return <EmptyState icon="🎱" title={t("admin.users.noResultsTitle")} body={t("admin.users.noResultsBody")} />;
	}
	return (
		<section aria-labelledby="results-title">
			<div className="flex items-baseline justify-between gap-3">
				<h2 id="results-title" className="text-lg font-semibold">
					{t("admin.users.results")}
				</h2>
				<p className="text-sm text-muted">{t(`admin.users.matchedBy.${result.matchedBy}`)}</p>
			</div>
			<ul className="mt-3 overflow-hidden rounded-3xl bg-white shadow-(--shadow-card)">
				{result.users.map((user) => (
					<li key={user.id} className="border-b border-line last:border-b-0">
						<Link to={`/admin/users/${user.id}`} className="flex items-center gap-3 px-4 py-3.5 hover:bg-paper sm:gap-4 sm:px-5">
							<span
								aria-hidden
								className="flex size-10 shrink-0 items-center justify-center rounded-full bg-cloth-100 font-semibold text-cloth-800"
							>
								{(user.displayName ?? "?").slice(0, 1)}
							</span>
							<span className="min-w-0 flex-1 sm:grid sm:grid-cols-[minmax(0,1.2fr)_minmax(0,1fr)_auto] sm:items-center sm:gap-4">
								<span className="flex min-w-0 flex-wrap items-center gap-2">
									<span className="truncate font-medium">{user.displayName ?? t("admin.deletedUser")}</span>
									<StatusBadge status={user.status} />
								</span>
								<span className="block truncate text-sm tabular-nums text-muted">
									{user.phoneMasked ?? t("admin.users.noPhone")}
									{user.emailMasked ? <span className="hidden lg:inline"> · {user.emailMasked}</span> : null}
								</span>
								<span className="mt-1 flex flex-wrap items-center gap-2 sm:mt-0 sm:justify-end">
									<RoleChips roles={user.roles} />
									<span className="text-xs text-muted">
										{t("admin.users.joined", { date: formatShanghai(user.createdAt, false) })}
									</span>
								</span>
							</span>
							<span aria-hidden className="text-muted">
								›
							</span>
						</Link>
					</li>
				))}
			</ul>
			<KeysetPagination nextCursor={result.nextCursor} />
		</section>
	);
}
