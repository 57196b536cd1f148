import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect, useNavigate, useNavigation } from "react-router";
import { z } from "zod";
import { type FormErrors, formErrorsOf } from "~/lib/form.server";
import { pageTitle } from "~/lib/i18n";
import { formatFen, yuanToFen } from "~/lib/money";
import { requireUser } from "~/modules/accounts/guards.server";
import { CancellationPolicyText } from "~/modules/booking/components/cancellation-policy";
import { Choice } from "~/modules/booking/components/choice";
import { LessonTime } from "~/modules/booking/components/lesson-time";
import { PayCountdown } from "~/modules/booking/components/pay-countdown";
import { courseTypeNames } from "~/modules/coaches/catalog";
import { checkoutFor } from "~/modules/payments/checkout.server";
import { QrCode } from "~/modules/payments/components/qr-code";
import { WechatJsapiPaying } from "~/modules/payments/components/wechat-jsapi-paying";
import { paymentChannels, paymentMethods, tipPresetsFen } from "~/modules/payments/methods";
import { deviceOf } from "~/modules/payments/methods.server";
import type { WechatJsapiParams } from "~/modules/payments/providers/wechatpay.server";
import { qrSvg } from "~/modules/payments/qr-svg.server";
import { startPayment } from "~/modules/payments/start-payment.server";
import { ensurePayerOpenid, jsapiConfigured, payerOpenid } from "~/modules/payments/wechat-payer.server";
import { Button } from "~/ui/button";
import type { Route } from "./+types/checkout";

/**
 * The checkout of one booking: what is due (deposit or whole price, the balance, or a tip with
 * `?tip=1`), itemised, the methods configured here, the cancellation policy, then the provider's
 * cashier — or a QR code to scan, waited on live until the provider confirms.
 */
export async function loader({ request, params }: Route.LoaderArgs) {
	const session = await requireUser(request);
	const tip = new URL(request.url).searchParams.get("tip") === "1";
	const caller = { userId: session.user.id, roles: session.roles };
	// Inside WeChat, JSAPI pays as the WeChat user: learn their openid first (a silent redirect to WeChat).
	const inWeChat = deviceOf(request.headers.get("user-agent")).inWeChat;
	const wechatAuth = inWeChat && jsapiConfigured() ? await ensurePayerOpenid(request, session.sessionId) : null;
	const wechatJsapi = inWeChat && payerOpenid(request, session.sessionId) !== null;
	const checkout = await checkoutFor({ caller, bookingId: params.bookingId, tip, request, wechatJsapi });
	const headers = wechatAuth?.status === "failed" && wechatAuth.setCookie ? { "set-cookie": wechatAuth.setCookie } : undefined;
	return data(
		{
			...checkout,
			wechatAuthFailed: wechatAuth?.status === "failed",
			title: pageTitle(request, tip ? "payments.checkout.tipTitle" : "payments.checkout.title"),
		},
		{ headers },
	);
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: loaderData?.title }];

const checkoutSchema = z.object({
	kind: z.enum(["deposit", "full", "balance", "tip"], { error: "payments.errors.kind" }),
	method: z.enum(paymentMethods, { error: "payments.errors.method" }),
	channel: z.enum(paymentChannels, { error: "payments.errors.channel" }).optional(),
	tip: z.string().optional(),
	tipYuan: z.string().trim().optional(),
});

type Outcome =
	| { errors: FormErrors }
	| { qr: { svg: string; paymentId: string; method: string; amountFen: number } }
	| { jsapi: { params: WechatJsapiParams; paymentId: string; amountFen: number } };

export async function action({ request, params }: Route.ActionArgs) {
	const session = await requireUser(request);
	const parsed = checkoutSchema.safeParse(Object.fromEntries(await request.formData().catch(() => new FormData())));
	if (!parsed.success)
		return data<Outcome>({ errors: { formError: parsed.error.issues[0]?.message ?? "errors.badRequest" } }, { status: 400 });
	const form = parsed.data;
	// A typed amount wins over the preset, as on the page.
	const tipFen = form.kind === "tip" ? (form.tipYuan ? yuanToFen(form.tipYuan) : Number(form.tip)) : undefined;
	if (form.kind === "tip" && (tipFen === null || !Number.isSafeInteger(tipFen)))
		return data<Outcome>({ errors: { fields: { tipYuan: "payments.errors.tipAmount" } } }, { status: 400 });
	const device = deviceOf(request.headers.get("user-agent"));
	const openid = device.inWeChat && form.method === "wechatpay" ? payerOpenid(request, session.sessionId) : null;
	// Inside WeChat without the payer's openid, WeChat Pay falls back to a QR code (long-pressed in WeChat).
	const channel = form.channel ?? (device.inWeChat && form.method === "wechatpay" && !openid ? "native" : undefined);
	try {
		const started = await startPayment({
			caller: { userId: session.user.id, roles: session.roles },
			bookingId: params.bookingId,
			kind: form.kind,
			method: form.method,
			channel,
			tipFen: tipFen ?? undefined,
			device,
			openid: openid ?? undefined,
		});
		if (started.jsapiParams) {
			return data<Outcome>({
				jsapi: { params: started.jsapiParams, paymentId: started.paymentId, amountFen: started.amountFen },
			});
		}
		if (started.qrCode) {
			const qr = {
				svg: await qrSvg(started.qrCode),
				paymentId: started.paymentId,
				method: started.method,
				amountFen: started.amountFen,
			};
			return data<Outcome>({ qr });
		}
		// The provider's cashier (or the sandbox's): a URL our own adapter made, not one the client sent.
		return redirect(started.payUrl ?? `/me/payments/${started.paymentId}`);
	} catch (error) {
		const { errors, init } = formErrorsOf(error);
		return data<Outcome>({ errors }, init);
	}
}

export default function Checkout({ loaderData, actionData }: Route.ComponentProps) {
	const { t, i18n } = useTranslation();
	const navigation = useNavigation();
	const { booking, kinds, methods, tip, secondsLeft, wechatAuthFailed } = loaderData;
	const locale = i18n.language;
	const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
	const qr = actionData && "qr" in actionData ? actionData.qr : undefined;
	const jsapi = actionData && "jsapi" in actionData ? actionData.jsapi : undefined;
	const first = kinds[0];
	const row = (label: string, value: React.ReactNode, strong = false) => (
		<div className={`flex justify-between gap-3 py-2 ${strong ? "text-base font-semibold" : ""}`}>
			<dt className={strong ? "" : "text-muted"}>{label}</dt>
			<dd className="text-right tabular-nums">{value}</dd>
		</div>
	);
	return (
		<div className="mx-auto max-w-xl space-y-5 px-4 py-6 sm:py-10">
			<Link to={`/me/bookings/${booking.id}`} className="text-sm text-cloth-700 hover:underline">
				← {t("payments.result.toBooking")}
			</Link>
			<header className="rounded-3xl bg-cloth-900 p-5 text-white sm:p-6">
				<h1 className="text-2xl font-semibold">{t(tip ? "payments.checkout.tipTitle" : "payments.checkout.title")}</h1>
				<p className="mt-1 text-cloth-100">
					{booking.coach.displayName} · {courseTypeNames[booking.courseType][locale === "en" ? "en" : "zh-CN"]} ·{" "}
					{t("coaches.profile.minutes", { minutes: booking.durationMinutes })}
				</p>
				<p className="mt-2 [&_.text-muted]:text-cloth-100">
					<LessonTime startsAt={booking.startsAt} endsAt={booking.endsAt} />
				</p>
			</header>

			{errors ? (
				<p role="alert" className="rounded-xl bg-red-50 px-4 py-3 text-sm text-danger ring-1 ring-red-200">
					{t(errors.formError ?? Object.values(errors.fields ?? {})[0] ?? "errors.badRequest", errors.params ?? {})}
				</p>
			) : null}

			{wechatAuthFailed && !errors ? (
				<p role="alert" className="rounded-xl bg-amber-50 px-4 py-3 text-sm ring-1 ring-amber-200">
					{t("payments.errors.wechatAuth")}
				</p>
			) : null}

			{jsapi ? (
				<WechatJsapiPaying payment={jsapi} />
			) : qr ? (
				<QrWaiting qr={qr} />
			) : !first ? (
				<p className="rounded-3xl bg-white p-5 text-muted shadow-(--shadow-card)" data-testid="nothing-due">
					{t("payments.checkout.nothingDue")}
				</p>
			) : methods.length === 0 ? (
				<p className="rounded-3xl bg-white p-5 text-muted shadow-(--shadow-card)">{t("payments.checkout.noMethods")}</p>
			) : (
				<Form method="post" className="space-y-5">
					{tip ? (
						<section className="space-y-3 rounded-3xl bg-white p-5 shadow-(--shadow-card) sm:p-6">
							<p className="text-sm text-muted">{t("payments.checkout.tipBody")}</p>
							<input type="hidden" name="kind" value="tip" />
							<fieldset>
								<legend className="sr-only">{t("payments.checkout.tipTitle")}</legend>
								<div className="grid grid-cols-4 gap-2">
									{tipPresetsFen.map((fen) => (
										<Choice key={fen} name="tip" value={String(fen)} defaultChecked={fen === first.amountFen} compact>
											<span className="block py-1 text-center font-semibold">{formatFen(fen, locale)}</span>
										</Choice>
									))}
								</div>
							</fieldset>
							<label className="block text-sm">
								<span className="text-muted">{t("payments.checkout.tipCustom")}</span>
								<input
									name="tipYuan"
									inputMode="decimal"
									autoComplete="off"
									aria-invalid={errors?.fields?.tipYuan ? true : undefined}
									className="mt-1 w-full rounded-xl border border-line px-3 py-2"
								/>
							</label>
						</section>
					) : (
						<section className="rounded-3xl bg-white p-5 shadow-(--shadow-card) sm:p-6">
							<dl className="divide-y divide-line text-sm">
								{row(t("payments.checkout.price"), formatFen(booking.priceFen, locale))}
								{booking.paidFen > 0 ? row(t("payments.checkout.paidBefore"), formatFen(booking.paidFen, locale)) : null}
								{kinds.length === 1 ? row(t("payments.checkout.dueNow"), formatFen(first.amountFen, locale), true) : null}
							</dl>
							{kinds.length > 1 ? (
								<fieldset className="mt-3 space-y-2">
									<legend className="mb-2 text-sm font-medium">{t("payments.checkout.dueNow")}</legend>
									{kinds.map((option) => (
										<Choice key={option.kind} name="kind" value={option.kind} defaultChecked={option.kind === first.kind}>
											<span className="block pr-8 text-sm">
												{option.kind === "full"
													? t("payments.checkout.payAll", { amount: formatFen(option.amountFen, locale) })
													: t("payments.checkout.payDeposit", { amount: formatFen(option.amountFen, locale) })}
											</span>
										</Choice>
									))}
								</fieldset>
							) : (
								<input type="hidden" name="kind" value={first.kind} />
							)}
							{booking.payBy && (first.kind === "deposit" || first.kind === "full") ? (
								<div className="mt-3">
									<PayCountdown payBy={booking.payBy} secondsLeft={secondsLeft} />
								</div>
							) : null}
						</section>
					)}

					<fieldset className="space-y-2 rounded-3xl bg-white p-5 shadow-(--shadow-card) sm:p-6">
						<legend className="sr-only">{t("payments.checkout.method")}</legend>
						<h2 className="mb-2 text-lg font-semibold">{t("payments.checkout.method")}</h2>
						{methods.map((option, index) => (
							<Choice key={option.method} name="method" value={option.method} defaultChecked={index === 0}>
								<span className="block pr-8">
									<span className="font-medium">{t(`payments.methods.${option.method}`)}</span>
									<span className="mt-0.5 block text-sm text-muted">{t(`payments.methodHints.${option.method}`)}</span>
								</span>
							</Choice>
						))}
						{methods.some((option) => option.channels.length > 1) ? (
							<div className="pt-2">
								<p className="mb-2 text-sm text-muted">{t("payments.checkout.channel")}</p>
								<div className="grid grid-cols-2 gap-2">
									{(methods.find((option) => option.channels.length > 1)?.channels ?? []).map((channel, index) => (
										<Choice key={channel} name="channel" value={channel} defaultChecked={index === 0} compact>
											<span className="block py-1 text-center text-sm">{t(`payments.channels.${channel}`)}</span>
										</Choice>
									))}
								</div>
							</div>
						) : null}
						<p className="pt-2 text-xs text-muted">{t("payments.checkout.cards")}</p>
					</fieldset>

					{!tip ? (
						<section className="rounded-3xl bg-white p-5 shadow-(--shadow-card) sm:p-6">
							<h2 className="mb-2 text-lg font-semibold">{t("payments.checkout.policy")}</h2>
							<CancellationPolicyText policy={booking.cancellationPolicy} />
						</section>
					) : null}

					<div className="sticky bottom-20 z-10 rounded-3xl bg-white/95 p-4 shadow-(--shadow-card) backdrop-blur md:bottom-4">
						<Button type="submit" className="w-full" busy={navigation.state !== "idle"}>
							{tip
								? t("payments.checkout.tipConfirm")
								: t("payments.checkout.submit", { amount: formatFen(first.amountFen, locale) })}
						</Button>
					</div>
				</Form>
			)}
		</div>
	);
}

/** The QR code to scan, and the wait for the provider's word: the payment's live feed moves on to the result. */
function QrWaiting({ qr }: { qr: { svg: string; paymentId: string; method: string; amountFen: number } }) {
	const { t, i18n } = useTranslation();
	const navigate = useNavigate();
	useEffect(() => {
		if (typeof EventSource === "undefined") return;
		const source = new EventSource(`/me/payments/${qr.paymentId}/live`);
		source.addEventListener("payment_changes", () => navigate(`/me/payments/${qr.paymentId}`));
		return () => source.close();
	}, [qr.paymentId, navigate]);
	const method = t(`payments.methods.${qr.method}`);
	return (
		<section className="space-y-4 rounded-3xl bg-white p-5 text-center shadow-(--shadow-card) sm:p-6" data-testid="qr-payment">
			<h2 className="text-lg font-semibold">{t("payments.checkout.scanTitle", { method })}</h2>
			<p className="text-3xl font-semibold tabular-nums">{formatFen(qr.amountFen, i18n.language)}</p>
			<QrCode svg={qr.svg} label={t("payments.checkout.scanTitle", { method })} />
			<p className="text-sm text-muted">{t("payments.checkout.scanHint")}</p>
			<Link to={`/me/payments/${qr.paymentId}`} className="text-sm text-cloth-700 hover:underline">
				{t("payments.result.title")}
			</Link>
		</section>
	);
}
