import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { isAppError } from "~/lib/errors";
import { pageTitle } from "~/lib/i18n";
import { redirectWithToast } from "~/lib/toast.server";
import { requireUser } from "~/modules/accounts/guards.server";
import { answerInvitation, listInvitations } from "~/modules/community/partners/invitations.server";
import { invitationAnswerSchema } from "~/modules/community/partners/schema";
import { Button, ButtonLink } from "~/ui/button";
import { EmptyState } from "~/ui/empty-state";
import type { Route } from "./+types/partner-invitations";

/** The player's invitations: received ones to accept or decline, sent ones with their answer. */
export async function loader({ request }: Route.LoaderArgs) {
	const session = await requireUser(request);
	return { title: pageTitle(request, "social.partners.invitations.title"), invitations: await listInvitations(session.user.id) };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request }: Route.ActionArgs) {
	const session = await requireUser(request);
	const form = Object.fromEntries(await request.formData());
	const parsed = invitationAnswerSchema.safeParse(form);
	const invitationId = typeof form.invitationId === "string" ? form.invitationId : "";
	if (!parsed.success || !/^[0-9a-f-]{36}$/i.test(invitationId)) {
		return redirectWithToast("/partners/invitations", { kind: "error", messageKey: "social.partners.errors.answer" });
	}
	try {
		const answered = await answerInvitation({ userId: session.user.id, invitationId, answer: parsed.data.answer });
		if (answered.conversationId) {
			return redirectWithToast(`/messages/${answered.conversationId}`, {
				kind: "success",
				messageKey: "social.partners.invitations.answeredAccept",
			});
		}
		return redirectWithToast("/partners/invitations", {
			kind: "success",
			messageKey: "social.partners.invitations.answeredDecline",
		});
	} catch (error) {
		if (!isAppError(error)) throw error;
		return redirectWithToast("/partners/invitations", { kind: "error", messageKey: error.messageKey });
	}
}

export default function PartnerInvitations({ loaderData }: Route.ComponentProps) {
	const { t, i18n } = useTranslation();
	const received = loaderData.invitations.filter((item) => item.direction === "received");
	const sent = loaderData.invitations.filter((item) => item.direction === "sent");
	const when = (at: string) =>
		new Date(at).toLocaleString(i18n.language, { timeZone: "Asia/Shanghai", dateStyle: "medium", timeStyle: "short" });
	const list = (items: typeof received, emptyKey: string) =>
		items.length === 0 ? (
			<p className="text-muted">{t(emptyKey)}</p>
		) : (
			<ul className="space-y-3">
				{items.map((item) => (
					<li key={item.id} className="space-y-2 rounded-2xl bg-white p-4 shadow-(--shadow-card)">
						<div className="flex flex-wrap items-center justify-between gap-2">
							<p className="font-medium">
								{t(item.direction === "received" ? "social.partners.invitations.from" : "social.partners.invitations.to", {
									name: item.with.displayName,
								})}
							</p>
							<span className="text-xs text-muted">{when(item.createdAt)}</span>
						</div>
						<p className="whitespace-pre-wrap break-words">{item.note}</p>
						{item.status === "pending" && item.direction === "received" ? (
							<div className="flex gap-2">
								<Form method="post">
									<input type="hidden" name="invitationId" value={item.id} />
									<input type="hidden" name="answer" value="accept" />
									<Button type="submit" size="sm">
										{t("social.partners.invitations.accept")}
									</Button>
								</Form>
								<Form method="post">
									<input type="hidden" name="invitationId" value={item.id} />
									<input type="hidden" name="answer" value="decline" />
									<Button type="submit" size="sm" variant="secondary">
										{t("social.partners.invitations.decline")}
									</Button>
								</Form>
							</div>
						) : (
							<div className="flex flex-wrap items-center gap-3 text-sm">
								<span className="text-muted">{t(`social.partners.invitations.${item.status}`)}</span>
								{item.conversationId ? (
									<ButtonLink to={`/messages/${item.conversationId}`} size="sm" variant="secondary">
										{t("social.partners.invitations.openConversation")}
									</ButtonLink>
								) : null}
							</div>
						)}
					</li>
				))}
			</ul>
		);
	return (
		<div className="mx-auto max-w-2xl space-y-6 px-4 py-6 sm:py-10">
			<div className="flex items-center justify-between gap-3">
				<h1 className="text-2xl font-semibold">{t("social.partners.invitations.title")}</h1>
				<Link to="/partners" className="text-sm text-cloth-700 hover:underline">
					{t("social.partners.title")}
				</Link>
			</div>
			{loaderData.invitations.length === 0 ? (
				<EmptyState icon="🎱" title={t("social.partners.invitations.emptyReceived")} body={t("social.partners.emptyBody")} />
			) : (
				<>
					<section className="space-y-3">
						<h2 className="text-lg font-semibold">{t("social.partners.invitations.received")}</h2>
						{list(received, "social.partners.invitations.emptyReceived")}
					</section>
					<section className="space-y-3">
						<h2 className="text-lg font-semibold">{t("social.partners.invitations.sent")}</h2>
						{list(sent, "social.partners.invitations.emptySent")}
					</section>
				</>
			)}
		</div>
	);
}
