import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, Link, useActionData, useNavigation } from "react-router";
import { isAppError } from "~/lib/errors";
import { pageTitle } from "~/lib/i18n";
import { redirectWithToast } from "~/lib/toast.server";
import { useLiveRevalidation } from "~/lib/use-live-revalidation";
import { requireUser } from "~/modules/accounts/guards.server";
import { blockUser, unblockUser } from "~/modules/community/messages/blocks.server";
import { readConversation, sendMessage } from "~/modules/community/messages/conversations.server";
import { reportMessage } from "~/modules/community/messages/report-message.server";
import { messageInputSchema, messageLimit, messageReportSchema } from "~/modules/community/messages/schema";
import { reportReasons } from "~/modules/moderation/categories";
import { Button } from "~/ui/button";
import { inputClasses } from "~/ui/field";
import { Select } from "~/ui/select";
import type { Route } from "./+types/conversation";

/**
 * One conversation: the messages (display names only, never a phone number), the safety note, a
 * form to write, and per message a report; block or unblock the other person. New messages arrive
 * over the live feed; a refused message stays in the box with the reason beside it.
 */
export async function loader({ request, params }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const before = new URL(request.url).searchParams.get("before") ?? undefined;
	const conversation = await readConversation({ userId: session.user.id, conversationId: params.conversationId, before }).catch(
		(error: unknown) => {
			if (isAppError(error) && error.status === 404) throw data(null, { status: 404 });
			throw error;
		},
	);
	return { title: pageTitle(request, "social.messages.title"), conversation };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

export async function action({ request, params }: Route.ActionArgs) {
	const session = await requireUser(request);
	const form = Object.fromEntries(await request.formData());
	const back = `/messages/${params.conversationId}`;
	const userId = session.user.id;
	try {
		switch (form.intent) {
			case "report": {
				const parsed = messageReportSchema.safeParse(form);
				if (!parsed.success || typeof form.messageId !== "string") {
					return redirectWithToast(back, { kind: "error", messageKey: "moderation.errors.reason" });
				}
				await reportMessage({ userId, messageId: form.messageId, ...parsed.data });
				return redirectWithToast(back, { kind: "success", messageKey: "social.messages.reported" });
			}
			case "block":
			case "unblock": {
				const { with: other } = await readConversation({ userId, conversationId: params.conversationId });
				if (form.intent === "block") await blockUser({ blockerId: userId, blockedId: other.id });
				else await unblockUser({ blockerId: userId, blockedId: other.id });
				return redirectWithToast(back, {
					kind: "success",
					messageKey: form.intent === "block" ? "social.messages.blocked" : "social.messages.unblocked",
				});
			}
			default: {
				const parsed = messageInputSchema.safeParse(form);
				if (!parsed.success) {
					return data(
						{
							error: { messageKey: parsed.error.issues[0]?.message ?? "errors.badRequest", params: {} },
							body: String(form.body ?? ""),
						},
						{ status: 400 },
					);
				}
				await sendMessage({ userId, conversationId: params.conversationId, body: parsed.data.body });
				return { error: null, body: "" };
			}
		}
	} catch (error) {
		if (!isAppError(error)) throw error;
		if (form.intent === "report" || form.intent === "block" || form.intent === "unblock") {
			return redirectWithToast(back, { kind: "error", messageKey: error.messageKey });
		}
		return data(
			{ error: { messageKey: error.messageKey, params: error.options.params ?? {} }, body: String(form.body ?? "") },
			{ status: error.status },
		);
	}
}

export default function Conversation({ loaderData }: Route.ComponentProps) {
	const { t, i18n } = useTranslation();
	const { conversation } = loaderData;
	const outcome = useActionData<typeof action>();
	const navigation = useNavigation();
	const live = useLiveRevalidation("/messages/live", "social_messages");
	const formRef = useRef<HTMLFormElement>(null);
	const sending = navigation.state === "submitting" && navigation.formData?.get("intent") === "send";
	// A message that was sent clears the box; a refused one stays for the writer to change.
	useEffect(() => {
		if (outcome && "error" in outcome && outcome.error === null) formRef.current?.reset();
	}, [outcome]);
	const error = outcome && "error" in outcome ? outcome.error : null;
	const time = (at: string) =>
		new Date(at).toLocaleString(i18n.language, { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" });
	const reasonOptions = reportReasons.map((reason) => ({ value: reason, label: t(`moderation.reasons.${reason}`) }));
	return (
		<div className="mx-auto flex max-w-2xl flex-col gap-4 px-4 py-6 sm:py-10">
			<div className="flex flex-wrap items-center justify-between gap-3">
				<div>
					<Link to="/messages" className="text-sm text-cloth-700 hover:underline">
						← {t("social.messages.title")}
					</Link>
					<h1 className="text-2xl font-semibold">
						<Link to={`/u/${conversation.with.id}`} className="hover:underline">
							{conversation.with.displayName}
						</Link>
					</h1>
					{live ? <p className="text-xs text-muted">{t("social.messages.live")}</p> : null}
				</div>
				<Form method="post">
					<input type="hidden" name="intent" value={conversation.blockedByMe ? "unblock" : "block"} />
					<Button type="submit" size="sm" variant={conversation.blockedByMe ? "secondary" : "ghost"}>
						{t(conversation.blockedByMe ? "social.messages.unblock" : "social.messages.block")}
					</Button>
				</Form>
			</div>
			<p className="rounded-xl bg-amber-50 p-3 text-sm text-amber-900">{t("social.messages.safety")}</p>
			{conversation.olderCursor ? (
				<Link
					to={`?before=${encodeURIComponent(conversation.olderCursor)}`}
					className="text-center text-sm text-cloth-700 hover:underline"
				>
					{t("social.messages.older")}
				</Link>
			) : null}
			{conversation.messages.length === 0 ? (
				<p className="text-center text-muted">{t("social.messages.noMessages")}</p>
			) : (
				<ol className="space-y-3" aria-label={t("social.messages.title")}>
					{conversation.messages.map((message) => (
						<li key={message.id} className={message.mine ? "flex flex-col items-end" : "flex flex-col items-start"}>
							<p
								className={
									message.mine
										? "max-w-[85%] whitespace-pre-wrap break-words rounded-2xl rounded-br-sm bg-cloth-600 px-3.5 py-2 text-white"
										: "max-w-[85%] whitespace-pre-wrap break-words rounded-2xl rounded-bl-sm bg-white px-3.5 py-2 shadow-(--shadow-card)"
								}
							>
								<span className="sr-only">
									{message.mine ? `${t("social.messages.mine")}：` : `${conversation.with.displayName}：`}
								</span>
								{message.body}
							</p>
							<span className="mt-1 flex items-center gap-2 text-xs text-muted">
								{time(message.createdAt)}
								{message.mine ? null : (
									<details className="inline">
										<summary className="cursor-pointer hover:underline">{t("social.messages.report")}</summary>
										<Form method="post" className="mt-1 flex items-center gap-2">
											<input type="hidden" name="intent" value="report" />
											<input type="hidden" name="messageId" value={message.id} />
											<Select
												name="reason"
												aria-label={t("social.messages.reportReason")}
												options={reasonOptions}
												className="py-1 text-sm"
											/>
											<Button type="submit" size="sm" variant="secondary">
												{t("social.messages.reportSend")}
											</Button>
										</Form>
									</details>
								)}
							</span>
						</li>
					))}
				</ol>
			)}
			{conversation.canWrite ? (
				<Form
					method="post"
					ref={formRef}
					className="sticky bottom-20 flex items-end gap-2 rounded-2xl bg-white p-2 shadow-(--shadow-card) md:bottom-4"
				>
					<input type="hidden" name="intent" value="send" />
					<label htmlFor="message-body" className="sr-only">
						{t("social.messages.placeholder")}
					</label>
					<textarea
						id="message-body"
						name="body"
						rows={2}
						required
						maxLength={messageLimit}
						defaultValue={error ? (outcome && "body" in outcome ? outcome.body : "") : ""}
						key={error ? "refused" : "fresh"}
						placeholder={t("social.messages.placeholder")}
						aria-invalid={error ? true : undefined}
						aria-describedby={error ? "message-error" : undefined}
						className={`${inputClasses} resize-none`}
					/>
					{/* The textarea takes the width; the button keeps its label on one line (it wrapped to 发/送). */}
					<Button type="submit" disabled={sending} className="shrink-0 whitespace-nowrap">
						{t("social.messages.send")}
					</Button>
				</Form>
			) : (
				<p className="text-center text-sm text-muted">{t("social.messages.cannotWriteNote")}</p>
			)}
			{error ? (
				<p id="message-error" role="alert" className="text-sm text-danger">
					{t(error.messageKey, error.params)}
				</p>
			) : null}
		</div>
	);
}
