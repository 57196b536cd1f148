import "@livekit/components-styles";
import {
	CarouselLayout,
	DisconnectButton,
	FocusLayout,
	FocusLayoutContainer,
	GridLayout,
	LiveKitRoom,
	type LocalUserChoices,
	ParticipantTile,
	PreJoin,
	RoomAudioRenderer,
	TrackToggle,
	useChat,
	useConnectionState,
	useLocalParticipant,
	useRemoteParticipants,
	useTracks,
} from "@livekit/components-react";
import { ConnectionState, type LocalVideoTrack, Track } from "livekit-client";
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { LessonRoomView } from "../lesson-room-view.server";

interface Connection {
	url: string;
	token: string;
}

/** Asks the API for a fresh token at the moment of joining (tokens live ten minutes). */
async function fetchToken(bookingId: string): Promise<Connection | { error: string }> {
	const response = await fetch(`/api/v1/bookings/${bookingId}/video-token`, {
		method: "POST",
		headers: { "content-type": "application/json" },
		credentials: "same-origin",
		body: JSON.stringify({ device: "main" }),
	});
	const body = (await response.json().catch(() => null)) as { token?: string; url?: string; error?: { message?: string } } | null;
	if (response.ok && body?.token && body.url) return { url: body.url, token: body.token };
	return { error: body?.error?.message ?? "" };
}

/** The pre-join step (pick and test camera and microphone, a preview), then the call. */
export default function LessonRoom({ view }: { view: LessonRoomView }) {
	const { t } = useTranslation();
	const navigate = useNavigate();
	const [choices, setChoices] = useState<LocalUserChoices | null>(null);
	const [connection, setConnection] = useState<Connection | null>(null);
	const [problem, setProblem] = useState<string | null>(null);

	// PreJoin's device-menu buttons carry only a chevron: name them for screen readers. They are
	// rendered again when the device lists arrive, so the names are kept by an observer.
	const labelDeviceMenus = useCallback(
		(section: HTMLElement | null) => {
			if (!section) return;
			const label = () => {
				for (const [group, name] of [
					["audio", t("booking.online.chooseMicrophone")],
					["video", t("booking.online.chooseCamera")],
				] as const) {
					const button = section.querySelector(`.${group} > .lk-button-group-menu > .lk-button-menu`);
					if (button && button.getAttribute("aria-label") !== name) button.setAttribute("aria-label", name);
				}
			};
			label();
			const observer = new MutationObserver(label);
			observer.observe(section, { childList: true, subtree: true });
			return () => observer.disconnect();
		},
		[t],
	);

	const join = async (values: LocalUserChoices) => {
		setProblem(null);
		const answer = await fetchToken(view.bookingId);
		if ("error" in answer) return setProblem(answer.error || t("booking.online.errors.unreachable"));
		setChoices(values);
		setConnection(answer);
	};

	if (!choices || !connection)
		return (
			<section
				ref={labelDeviceMenus}
				className="rounded-3xl bg-cloth-900 p-3 sm:p-5"
				data-lk-theme="default"
				data-testid="lesson-prejoin"
			>
				<h2 className="mb-2 text-lg font-semibold text-white">{t("booking.online.prejoin")}</h2>
				{problem ? (
					<p role="alert" className="mb-3 rounded-xl bg-red-50 px-4 py-3 text-sm text-danger">
						{problem}
					</p>
				) : null}
				{/* The name shown in the room comes from the account (the token), not from this form. */}
				{/* LiveKit's accent blue carries white text at 3.4:1; the brand's greens pass 4.5:1. Set below the
				    themed element, whose own variables would otherwise win. */}
				<div className="[--lk-accent-bg:var(--color-cloth-600)] [--lk-accent2:var(--color-cloth-700)] [&_.lk-prejoin]:w-full [&_.lk-prejoin]:max-w-none [&_#username]:hidden [&_video]:max-h-[50vh]">
					<PreJoin
						onSubmit={(values) => void join(values)}
						defaults={{ username: "-", videoEnabled: true, audioEnabled: true }}
						persistUserChoices={false}
						joinLabel={t("booking.online.join")}
						micLabel={t("booking.online.microphone")}
						camLabel={t("booking.online.camera")}
						userLabel=""
					/>
				</div>
			</section>
		);

	return (
		<LiveKitRoom
			serverUrl={connection.url}
			token={connection.token}
			connect
			audio={choices.audioEnabled ? { deviceId: choices.audioDeviceId } : false}
			video={choices.videoEnabled ? { deviceId: choices.videoDeviceId } : false}
			onDisconnected={() => navigate(view.backTo)}
			data-lk-theme="default"
			className="overflow-hidden rounded-3xl bg-cloth-900"
		>
			<Call view={view} />
			<RoomAudioRenderer />
		</LiveKitRoom>
	);
}

/** The lesson clock against the booked length: time since the start, or until it. */
function useLessonClock(startsAt: string, durationMinutes: number) {
	const [now, setNow] = useState(() => Date.now());
	useEffect(() => {
		const timer = setInterval(() => setNow(Date.now()), 1000);
		return () => clearInterval(timer);
	}, []);
	const elapsedSeconds = Math.floor((now - Date.parse(startsAt)) / 1000);
	const clock = (seconds: number) => {
		const abs = Math.abs(seconds);
		return `${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, "0")}`;
	};
	return {
		started: elapsedSeconds >= 0,
		text: clock(elapsedSeconds),
		over: elapsedSeconds > durationMinutes * 60,
		length: `${durationMinutes}:00`,
	};
}

const isPhone = () => typeof window !== "undefined" && window.matchMedia("(pointer: coarse)").matches;

function Call({ view }: { view: LessonRoomView }) {
	const { t } = useTranslation();
	const state = useConnectionState();
	const others = useRemoteParticipants();
	const clock = useLessonClock(view.startsAt, view.durationMinutes);
	const other = view.party === "player" ? "coach" : "player";
	const otherHere = others.some((participant) => participant.identity.startsWith(`${other}-`));
	const tracks = useTracks(
		[
			{ source: Track.Source.Camera, withPlaceholder: true },
			{ source: Track.Source.ScreenShare, withPlaceholder: false },
		],
		{ onlySubscribed: false },
	);
	const phone = isPhone();
	// The coach watches the stroke: the player's camera over the table can fill the screen.
	const [pinTable, setPinTable] = useState(false);
	const tableView = tracks.find(
		(track) => track.source === Track.Source.Camera && track.publication && track.participant.identity.endsWith("-second"),
	);
	const pinned = pinTable && tableView ? tableView : null;
	const connectionText = {
		[ConnectionState.Connecting]: t("booking.online.state.connecting"),
		[ConnectionState.Connected]: t("booking.online.state.connected"),
		[ConnectionState.Reconnecting]: t("booking.online.state.reconnecting"),
		[ConnectionState.SignalReconnecting]: t("booking.online.state.reconnecting"),
		[ConnectionState.Disconnected]: t("booking.online.state.disconnected"),
	}[state];
	return (
		<div className="flex flex-col gap-2 p-2 text-white sm:p-4">
			<div className="flex flex-wrap items-center justify-between gap-2 text-sm">
				<span data-testid="lesson-connection" data-state={state} role="status">
					{connectionText}
				</span>
				<span data-testid="lesson-other">
					{otherHere
						? t("booking.online.otherHere", { name: view.otherName })
						: t("booking.online.otherAway", { name: view.otherName })}
				</span>
				<span data-testid="lesson-clock" className={clock.over ? "text-wood-300" : undefined}>
					{clock.started
						? t("booking.online.clock", { elapsed: clock.text, length: clock.length })
						: t("booking.online.startsIn", { time: clock.text })}
				</span>
			</div>
			{pinned ? (
				<FocusLayoutContainer className="h-[55vh] min-h-64 sm:h-[60vh]">
					<CarouselLayout tracks={tracks.filter((track) => track !== pinned)}>
						<ParticipantTile />
					</CarouselLayout>
					<FocusLayout trackRef={pinned} />
				</FocusLayoutContainer>
			) : (
				<GridLayout tracks={tracks} className="h-[55vh] min-h-64 sm:h-[60vh]">
					<ParticipantTile />
				</GridLayout>
			)}
			<div className="flex flex-wrap items-center justify-center gap-2">
				<TrackToggle source={Track.Source.Microphone}>{t("booking.online.microphone")}</TrackToggle>
				<TrackToggle source={Track.Source.Camera}>{t("booking.online.camera")}</TrackToggle>
				{phone ? <FlipCamera /> : <TrackToggle source={Track.Source.ScreenShare}>{t("booking.online.screenShare")}</TrackToggle>}
				{view.party === "coach" && tableView ? (
					<button type="button" className="lk-button" aria-pressed={pinTable} onClick={() => setPinTable(!pinTable)}>
						{pinTable ? t("booking.online.unpinTable") : t("booking.online.pinTable")}
					</button>
				) : null}
				<DisconnectButton>{t("booking.online.leave")}</DisconnectButton>
			</div>
			<LessonChat />
		</div>
	);
}

/** Front or back camera on a phone: the back one shows the table. */
function FlipCamera() {
	const { t } = useTranslation();
	const { localParticipant } = useLocalParticipant();
	const [facing, setFacing] = useState<"user" | "environment">("user");
	const flip = async () => {
		const next = facing === "user" ? "environment" : "user";
		const track = localParticipant.getTrackPublication(Track.Source.Camera)?.track as LocalVideoTrack | undefined;
		await track?.restartTrack({ facingMode: next });
		setFacing(next);
	};
	return (
		<button type="button" className="lk-button" onClick={() => void flip()}>
			{t("booking.online.flip")}
		</button>
	);
}

function LessonChat() {
	const { t } = useTranslation();
	const { chatMessages, send, isSending } = useChat();
	const [text, setText] = useState("");
	const submit = async (event: FormEvent) => {
		event.preventDefault();
		const message = text.trim();
		if (!message) return;
		await send(message);
		setText("");
	};
	return (
		<section aria-label={t("booking.online.chat")} className="rounded-2xl bg-white/10 p-3">
			<ol className="max-h-40 space-y-1 overflow-y-auto text-sm">
				{chatMessages.map((message) => (
					<li key={message.id}>
						<span className="font-medium">{message.from?.name || t("booking.online.someone")}</span>: {message.message}
					</li>
				))}
			</ol>
			<form onSubmit={(event) => void submit(event)} className="mt-2 flex gap-2">
				<input
					value={text}
					onChange={(event) => setText(event.target.value)}
					maxLength={500}
					aria-label={t("booking.online.chatMessage")}
					placeholder={t("booking.online.chatMessage")}
					className="min-h-11 flex-1 rounded-xl bg-white px-3 text-ink placeholder:text-muted"
				/>
				<button type="submit" className="lk-button" disabled={isSending}>
					{t("booking.online.send")}
				</button>
			</form>
		</section>
	);
}
