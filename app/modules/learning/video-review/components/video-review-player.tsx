import { type PointerEvent, useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFetcher } from "react-router";
import { Button } from "~/ui/button";
import type { VideoReviewComment } from "../read-video-reviews.server";
import { maxShapesPerComment, type Shape, shapeColors, shapeTypes } from "../schema";
import { drawShapes, formatMoment, isShownAt } from "./draw-shapes";

const speeds = [0.25, 0.5, 1] as const;
const frameSeconds = 1 / 30;
type Tool = "none" | (typeof shapeTypes)[number];

const clamp = (value: number) => Math.min(1, Math.max(0, value));
/** One frame on from the nearest frame boundary, so steps never drift by rounding (15 steps are 0.50 s, not 0.49). */
const stepFrom = (ms: number, frames: number) =>
	Math.round((Math.round(ms / (frameSeconds * 1000)) + frames) * frameSeconds * 1000);

/**
 * The video with its comments: slow motion, frame stepping, and each comment's drawings over the
 * frame at its moment; the list jumps to a comment's time. For the coach (`editable`) also the
 * drawing tools and the form that comments at the current moment.
 */
export function VideoReviewPlayer(props: {
	videoUrl: string;
	durationMs: number;
	comments: VideoReviewComment[];
	editable: boolean;
}) {
	const { t } = useTranslation();
	const video = useRef<HTMLVideoElement>(null);
	const canvas = useRef<HTMLCanvasElement>(null);
	const [currentMs, setCurrentMs] = useState(0);
	const [playing, setPlaying] = useState(false);
	const [speed, setSpeed] = useState<number>(1);
	const [tool, setTool] = useState<Tool>("arrow");
	const [color, setColor] = useState<Shape["color"]>(shapeColors[0]);
	const [pending, setPending] = useState<Shape[]>([]);
	const [drag, setDrag] = useState<Shape | null>(null);
	const [aspect, setAspect] = useState("16 / 9");
	const fetcher = useFetcher<{ ok?: boolean }>();
	const form = useRef<HTMLFormElement>(null);

	const visible = [
		...props.comments.filter((c) => isShownAt(c.atMs, currentMs)).flatMap((c) => c.shapes),
		...pending,
		...(drag ? [drag] : []),
	];
	const visibleKey = JSON.stringify(visible);

	// Follows the video closely while it plays (timeupdate alone fires only about four times a second).
	useEffect(() => {
		if (!playing) return;
		let frame = 0;
		const tick = () => {
			if (video.current) setCurrentMs(Math.round(video.current.currentTime * 1000));
			frame = requestAnimationFrame(tick);
		};
		frame = requestAnimationFrame(tick);
		return () => cancelAnimationFrame(frame);
	}, [playing]);

	// Redrawn when what is visible changes (visibleKey stands for the shapes).
	useEffect(() => {
		const element = canvas.current;
		if (!element) return;
		const box = element.getBoundingClientRect();
		element.width = Math.max(1, Math.round(box.width));
		element.height = Math.max(1, Math.round(box.height));
		drawShapes(element, visible);
	}, [visibleKey, aspect]);

	useEffect(() => {
		if (fetcher.state === "idle" && fetcher.data?.ok) {
			setPending([]);
			form.current?.reset();
		}
	}, [fetcher.state, fetcher.data]);

	const seek = useCallback(
		(ms: number) => {
			const element = video.current;
			if (!element) return;
			element.pause();
			const seconds = Math.min(Math.max(ms, 0), props.durationMs) / 1000;
			element.currentTime = seconds;
			setCurrentMs(Math.round(seconds * 1000));
		},
		[props.durationMs],
	);

	const pointAt = (event: PointerEvent<HTMLCanvasElement>) => {
		const box = event.currentTarget.getBoundingClientRect();
		return { x: clamp((event.clientX - box.left) / box.width), y: clamp((event.clientY - box.top) / box.height) };
	};
	const drawing = props.editable && tool !== "none" && pending.length < maxShapesPerComment;
	const shapeTool = tool === "none" ? "arrow" : tool;
	const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
		if (!drawing) return;
		video.current?.pause();
		event.currentTarget.setPointerCapture(event.pointerId);
		const { x, y } = pointAt(event);
		setDrag({ type: shapeTool, x1: x, y1: y, x2: x, y2: y, color });
	};
	const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
		if (!drag) return;
		const { x, y } = pointAt(event);
		setDrag({ ...drag, x2: x, y2: y });
	};
	const onPointerUp = () => {
		if (!drag) return;
		// A tap without a drag draws nothing.
		if (Math.hypot(drag.x2 - drag.x1, drag.y2 - drag.y1) > 0.01) setPending([...pending, round(drag)]);
		setDrag(null);
	};

	return (
		<div className="space-y-4">
			<div className="relative overflow-hidden rounded-2xl bg-black">
				{/* biome-ignore lint/a11y/useMediaCaption: a player's own stroke video has no speech to caption */}
				<video
					ref={video}
					src={props.videoUrl}
					className="block h-auto w-full"
					style={{ aspectRatio: aspect }}
					playsInline
					preload="auto"
					data-testid="review-video"
					onLoadedMetadata={(event) => {
						const { videoWidth, videoHeight } = event.currentTarget;
						if (videoWidth && videoHeight) setAspect(`${videoWidth} / ${videoHeight}`);
						event.currentTarget.playbackRate = speed;
					}}
					onTimeUpdate={(event) => setCurrentMs(Math.round(event.currentTarget.currentTime * 1000))}
					onSeeked={(event) => setCurrentMs(Math.round(event.currentTarget.currentTime * 1000))}
					onPlay={() => setPlaying(true)}
					onPause={() => setPlaying(false)}
					onEnded={() => setPlaying(false)}
				/>
				<canvas
					ref={canvas}
					className={`absolute inset-0 h-full w-full ${drawing ? "cursor-crosshair touch-none" : "pointer-events-none"}`}
					aria-label={props.editable ? t("videoReview.studio.canvasLabel") : undefined}
					data-testid="review-canvas"
					data-shapes={visible.length}
					onPointerDown={onPointerDown}
					onPointerMove={onPointerMove}
					onPointerUp={onPointerUp}
					onPointerCancel={() => setDrag(null)}
				/>
			</div>

			<div className="flex flex-wrap items-center gap-2">
				<Button
					type="button"
					variant="secondary"
					onClick={() => (playing ? video.current?.pause() : void video.current?.play().catch(() => {}))}
				>
					{playing ? t("videoReview.player.pause") : t("videoReview.player.play")}
				</Button>
				<Button type="button" variant="secondary" onClick={() => seek(stepFrom(currentMs, -1))}>
					−1/30s <span className="sr-only">{t("videoReview.player.stepBack")}</span>
				</Button>
				<Button type="button" variant="secondary" onClick={() => seek(stepFrom(currentMs, 1))}>
					+1/30s <span className="sr-only">{t("videoReview.player.stepForward")}</span>
				</Button>
				<span className="font-mono text-sm tabular-nums" data-testid="review-time">
					{formatMoment(currentMs)} / {formatMoment(props.durationMs)}
				</span>
				<fieldset className="ml-auto flex items-center gap-1">
					<legend className="sr-only">{t("videoReview.player.speed")}</legend>
					{speeds.map((value) => (
						<button
							key={value}
							type="button"
							aria-pressed={speed === value}
							className={`rounded-lg px-3 py-2 text-sm ${speed === value ? "bg-ink text-white" : "bg-stone-100"}`}
							onClick={() => {
								setSpeed(value);
								if (video.current) video.current.playbackRate = value;
							}}
						>
							{value}×
						</button>
					))}
				</fieldset>
			</div>

			{props.editable ? (
				<fetcher.Form method="post" ref={form} className="space-y-3 rounded-2xl bg-white p-4 shadow-(--shadow-card)">
					<input type="hidden" name="intent" value="comment" />
					<input type="hidden" name="atMs" value={Math.min(currentMs, props.durationMs)} />
					<input type="hidden" name="shapes" value={JSON.stringify(pending)} />
					<fieldset className="flex flex-wrap items-center gap-1">
						<legend className="mb-1 text-sm font-medium">{t("videoReview.studio.tool")}</legend>
						{(["none", ...shapeTypes] as const).map((value) => (
							<button
								key={value}
								type="button"
								aria-pressed={tool === value}
								className={`rounded-lg px-3 py-2 text-sm ${tool === value ? "bg-ink text-white" : "bg-stone-100"}`}
								onClick={() => setTool(value)}
							>
								{t(`videoReview.studio.tools.${value}`)}
							</button>
						))}
					</fieldset>
					<fieldset className="flex flex-wrap items-center gap-2">
						<legend className="mb-1 text-sm font-medium">{t("videoReview.studio.color")}</legend>
						{shapeColors.map((value) => (
							<button
								key={value}
								type="button"
								aria-pressed={color === value}
								aria-label={t(`videoReview.studio.colors.${value}`)}
								className={`size-9 rounded-full border-2 ${color === value ? "border-ink" : "border-stone-300"}`}
								style={{ backgroundColor: value }}
								onClick={() => setColor(value)}
							/>
						))}
						<span className="text-sm text-muted">{t("videoReview.studio.shapes", { count: pending.length })}</span>
						{pending.length > 0 ? (
							<button type="button" className="text-sm underline" onClick={() => setPending([])}>
								{t("videoReview.studio.clearShapes")}
							</button>
						) : null}
					</fieldset>
					<label className="block space-y-1">
						<span className="font-medium">{t("videoReview.studio.comment", { time: formatMoment(currentMs) })}</span>
						<textarea name="body" required maxLength={500} rows={2} className="w-full rounded-xl border border-stone-300 p-3" />
					</label>
					<Button type="submit" disabled={fetcher.state !== "idle"}>
						{t("videoReview.studio.add")}
					</Button>
				</fetcher.Form>
			) : null}

			<section aria-labelledby="review-comments" className="space-y-2">
				<h2 id="review-comments" className="text-lg font-semibold">
					{t("videoReview.player.comments")}
				</h2>
				{props.comments.length === 0 ? <p className="text-muted">{t("videoReview.player.noComments")}</p> : null}
				<ol className="space-y-2">
					{props.comments.map((comment) => (
						<li key={comment.id} className="flex items-start gap-2">
							<button
								type="button"
								className={`flex-1 rounded-xl p-3 text-left ${isShownAt(comment.atMs, currentMs) ? "bg-amber-100" : "bg-white shadow-(--shadow-card)"}`}
								aria-label={`${t("videoReview.player.jumpTo", { time: formatMoment(comment.atMs) })}: ${comment.body}`}
								aria-current={isShownAt(comment.atMs, currentMs) ? "true" : undefined}
								onClick={() => seek(comment.atMs)}
							>
								<span className="mr-2 font-mono text-sm tabular-nums text-muted">{formatMoment(comment.atMs)}</span>
								{comment.body}
							</button>
							{props.editable ? (
								<fetcher.Form method="post">
									<input type="hidden" name="intent" value="delete" />
									<input type="hidden" name="commentId" value={comment.id} />
									<button type="submit" className="px-2 py-3 text-sm text-red-700 underline">
										{t("videoReview.studio.remove")}
									</button>
								</fetcher.Form>
							) : null}
						</li>
					))}
				</ol>
			</section>
		</div>
	);
}

const round = (shape: Shape): Shape => ({
	...shape,
	x1: Number(shape.x1.toFixed(4)),
	y1: Number(shape.y1.toFixed(4)),
	x2: Number(shape.x2.toFixed(4)),
	y2: Number(shape.y2.toFixed(4)),
});
