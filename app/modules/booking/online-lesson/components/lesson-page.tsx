import { lazy, Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { courseTypeNames } from "~/modules/coaches/catalog";
import { formatDateTime } from "../../components/time-format";
import type { LessonRoomView } from "../lesson-room-view.server";
import { RecordingPanel } from "./recording-panel";

// The call (livekit-client and its React components) loads only on this page, in the browser:
// the server never imports it and no other page's bundle carries it.
const LessonRoom = lazy(() => import("./lesson-room.client"));

/** The online lesson page, phone first: the room's state, then the pre-join step and the call. */
export function LessonPage({ view }: { view: LessonRoomView }) {
	const { t, i18n } = useTranslation();
	const locale = i18n.language;
	const [hydrated, setHydrated] = useState(false);
	useEffect(() => setHydrated(true), []);
	const course = courseTypeNames[view.courseType as keyof typeof courseTypeNames]?.[locale === "en" ? "en" : "zh-CN"];
	return (
		<div className="mx-auto max-w-5xl space-y-4 px-3 pt-4 pb-16 sm:px-6 sm:pt-8">
			<header className="space-y-1">
				<Link to={view.backTo} className="text-sm text-muted hover:text-ink">
					← {t("booking.online.back")}
				</Link>
				<h1 className="text-2xl font-semibold">{t("booking.online.title", { name: view.otherName })}</h1>
				<p className="text-sm text-muted">
					{course} · {t("booking.online.length", { minutes: view.durationMinutes })} ·{" "}
					<time dateTime={view.startsAt}>{formatDateTime(view.startsAt, locale)}</time>
				</p>
			</header>
			{view.recording && hydrated ? (
				<RecordingPanel bookingId={view.bookingId} otherName={view.otherName} retentionDays={view.recording.retentionDays} />
			) : null}
			{view.secondCamera ? <SecondCameraCode code={view.secondCamera} /> : null}
			{view.state === "open" ? (
				hydrated ? (
					<Suspense fallback={<Loading />}>
						<LessonRoom view={view} />
					</Suspense>
				) : (
					<Loading />
				)
			) : (
				<Notice view={view} />
			)}
		</div>
	);
}

function Loading() {
	const { t } = useTranslation();
	return (
		<p className="rounded-3xl bg-white p-6 text-center text-muted shadow-(--shadow-card)" data-testid="lesson-loading">
			{t("booking.online.loading")}
		</p>
	);
}

/** Why the room cannot be entered now, and when it can. */
function Notice({ view }: { view: LessonRoomView }) {
	const { t, i18n } = useTranslation();
	const at = (iso: string) => formatDateTime(iso, i18n.language);
	const text = {
		not_configured: t("booking.online.notConfigured"),
		not_online: t("booking.online.errors.notOnline"),
		not_joinable: t("booking.online.notJoinable"),
		not_yet: t("booking.online.opensAt", { time: at(view.opensAt) }),
		closed: t("booking.online.closedAt", { time: at(view.closesAt) }),
		open: "",
	}[view.state];
	return (
		<section
			className="rounded-3xl bg-white p-6 text-center shadow-(--shadow-card)"
			data-testid={`lesson-${view.state.replace("_", "-")}`}
		>
			<p className="text-lg font-medium">{text}</p>
			{view.state === "not_configured" ? (
				<p className="mt-2 text-sm text-muted">{t("booking.online.notConfiguredHint")}</p>
			) : null}
			<Link to={view.backTo} className="mt-4 inline-block font-medium text-cloth-700 hover:underline">
				{t("booking.online.back")}
			</Link>
		</section>
	);
}

/** A phone propped over the table joins as a second camera by scanning this (same person, camera only). */
function SecondCameraCode({ code }: { code: { qrSvg: string; expiresAt: string } }) {
	const { t, i18n } = useTranslation();
	return (
		<details className="rounded-3xl bg-white p-4 shadow-(--shadow-card)" data-testid="second-camera">
			<summary className="cursor-pointer font-medium">{t("booking.online.secondCamera.add")}</summary>
			<div className="mt-3 flex flex-col items-center gap-2 text-center sm:flex-row sm:text-left">
				{/* The SVG is drawn by the qrcode library from our own link: no user text in it. */}
				<div
					className="size-48 shrink-0"
					role="img"
					aria-label={t("booking.online.secondCamera.qr")}
					dangerouslySetInnerHTML={{ __html: code.qrSvg }}
				/>
				<p className="text-sm text-muted">
					{t("booking.online.secondCamera.hint", { time: formatDateTime(code.expiresAt, i18n.language) })}
				</p>
			</div>
		</details>
	);
}
