import "@livekit/components-styles";
import { LiveKitRoom, useConnectionState, useTracks, VideoTrack } from "@livekit/components-react";
import { ConnectionState, Track } from "livekit-client";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/** Exchanges the QR code's key for a camera-only token, then publishes the back camera. */
export default function SecondCamera() {
	const { t } = useTranslation();
	const [connection, setConnection] = useState<{ url: string; token: string } | null>(null);
	const [problem, setProblem] = useState<string | null>(null);
	useEffect(() => {
		const key = window.location.hash.slice(1);
		if (!key) return setProblem(t("booking.online.secondCamera.missing"));
		void (async () => {
			const response = await fetch("/api/v1/lessons/second-camera-token", {
				method: "POST",
				headers: { "content-type": "application/json" },
				body: JSON.stringify({ key }),
			});
			const body = (await response.json().catch(() => null)) as {
				url?: string;
				token?: string;
				error?: { message?: string };
			} | null;
			if (response.ok && body?.url && body.token) setConnection({ url: body.url, token: body.token });
			else setProblem(body?.error?.message || t("booking.online.errors.unreachable"));
		})();
	}, [t]);
	if (problem)
		return (
			<p role="alert" className="rounded-xl bg-red-50 px-4 py-3 text-sm text-danger" data-testid="second-camera-problem">
				{problem}
			</p>
		);
	if (!connection) return <p className="text-muted">{t("booking.online.secondCamera.connecting")}</p>;
	return (
		<LiveKitRoom
			serverUrl={connection.url}
			token={connection.token}
			connect
			audio={false}
			video={{ facingMode: "environment" }}
			data-lk-theme="default"
			className="overflow-hidden rounded-3xl bg-cloth-900 p-2 text-white"
		>
			<OwnCamera />
		</LiveKitRoom>
	);
}

function OwnCamera() {
	const { t } = useTranslation();
	const state = useConnectionState();
	const [camera] = useTracks([Track.Source.Camera]).filter((track) => track.participant.isLocal);
	return (
		<div className="space-y-2">
			<p role="status" data-testid="second-camera-state" data-state={state}>
				{state === ConnectionState.Connected ? t("booking.online.secondCamera.live") : t("booking.online.state.connecting")}
			</p>
			{camera ? <VideoTrack trackRef={camera} className="max-h-[70vh] w-full rounded-2xl" /> : null}
		</div>
	);
}
