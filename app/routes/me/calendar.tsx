import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Form, Link, useNavigation } from "react-router";
import { settings } from "~/lib/config.server";
import { pageTitle } from "~/lib/i18n";
import { formatShanghai } from "~/modules/accounts/admin/format";
import { requireUser } from "~/modules/accounts/guards.server";
import { calendarFeedStatus, renewCalendarFeed, revokeCalendarFeed } from "~/modules/booking/calendar-feed.server";
import { Button } from "~/ui/button";
import { FormAlert } from "~/ui/form-alert";
import type { Route } from "./+types/calendar";

export async function loader({ request }: Route.LoaderArgs) {
	const session = await requireUser(request);
	return { feed: await calendarFeedStatus(session.user.id), title: pageTitle(request, "booking.calendar.page.title") };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

/** Renew makes a new secret link (shown this once) and ends the old one; revoke ends it. */
export async function action({ request }: Route.ActionArgs) {
	const session = await requireUser(request);
	const intent = (await request.formData()).get("intent");
	if (intent === "revoke") {
		await revokeCalendarFeed(session.user.id);
		return { link: null, done: "booking.calendar.page.revoked" };
	}
	if (intent !== "renew") return { link: null, done: null, error: "errors.badRequest" };
	const token = await renewCalendarFeed(session.user.id);
	const origin = settings().APP_URL ?? new URL(request.url).origin;
	return { link: `${origin.replace(/\/$/, "")}/calendar/${token}.ics`, done: null };
}

export default function MyCalendar({ loaderData, actionData }: Route.ComponentProps) {
	const { t } = useTranslation();
	const { feed } = loaderData;
	const navigation = useNavigation();
	const [copied, setCopied] = useState(false);
	const link = actionData?.link ?? null;
	return (
		<div className="mx-auto max-w-2xl space-y-5 px-4 py-6 sm:py-10">
			<Link to="/me" className="inline-flex items-center gap-1 text-sm text-cloth-700 hover:underline">
				<span aria-hidden>←</span> {t("booking.calendar.page.back")}
			</Link>
			<div>
				<h1 className="text-2xl font-semibold sm:text-3xl">{t("booking.calendar.page.title")}</h1>
				<p className="mt-1 text-muted">{t("booking.calendar.page.body")}</p>
			</div>
			<FormAlert messageKey={actionData?.done ?? null} tone="success" />
			<FormAlert messageKey={"error" in (actionData ?? {}) ? (actionData as { error: string }).error : null} />
			<section className="space-y-4 rounded-3xl bg-white p-5 shadow-(--shadow-card) sm:p-6">
				{link ? (
					<div className="space-y-3">
						<p className="font-medium">{t("booking.calendar.page.newLink")}</p>
						<p className="break-all rounded-xl bg-paper px-3 py-2 font-mono text-sm" data-testid="calendar-link">
							{link}
						</p>
						<p className="text-sm text-muted">{t("booking.calendar.page.onlyOnce")}</p>
						<Button
							type="button"
							variant="secondary"
							onClick={() => navigator.clipboard?.writeText(link).then(() => setCopied(true))}
						>
							{t(copied ? "booking.calendar.page.copied" : "booking.calendar.page.copy")}
						</Button>
					</div>
				) : (
					<p>
						{feed.active && feed.since
							? t("booking.calendar.page.active", { since: formatShanghai(feed.since) })
							: t("booking.calendar.page.none")}
					</p>
				)}
				<div className="flex flex-wrap gap-2">
					<Form method="post">
						<Button type="submit" name="intent" value="renew" busy={navigation.state === "submitting"}>
							{t(feed.active ? "booking.calendar.page.renew" : "booking.calendar.page.create")}
						</Button>
					</Form>
					{feed.active ? (
						<Form method="post">
							<Button type="submit" name="intent" value="revoke" variant="ghost">
								{t("booking.calendar.page.revoke")}
							</Button>
						</Form>
					) : null}
				</div>
			</section>
		</div>
	);
}
