import type { Shape } from "../schema";

/** Draws shapes (0–1 coordinates of the frame) on a canvas the size of the video on screen. */
export function drawShapes(canvas: HTMLCanvasElement, shapes: readonly Shape[]): void {
	const context = canvas.getContext("2d");
	if (!context) return;
	const { width, height } = canvas;
	context.clearRect(0, 0, width, height);
	context.lineWidth = Math.max(2, Math.round(width / 160));
	context.lineCap = "round";
	for (const shape of shapes) {
		const x1 = shape.x1 * width;
		const y1 = shape.y1 * height;
		const x2 = shape.x2 * width;
		const y2 = shape.y2 * height;
		context.strokeStyle = shape.color;
		context.fillStyle = shape.color;
		context.beginPath();
		if (shape.type === "circle") {
			context.arc(x1, y1, Math.hypot(x2 - x1, y2 - y1), 0, Math.PI * 2);
			context.stroke();
			continue;
		}
		context.moveTo(x1, y1);
		context.lineTo(x2, y2);
		context.stroke();
		if (shape.type === "arrow") {
			const angle = Math.atan2(y2 - y1, x2 - x1);
			const head = context.lineWidth * 4;
			context.beginPath();
			context.moveTo(x2, y2);
			context.lineTo(x2 - head * Math.cos(angle - Math.PI / 6), y2 - head * Math.sin(angle - Math.PI / 6));
			context.lineTo(x2 - head * Math.cos(angle + Math.PI / 6), y2 - head * Math.sin(angle + Math.PI / 6));
			context.closePath();
			context.fill();
		}
	}
}

/** `m:ss.cc`, the way the comments name their moments. */
export function formatMoment(ms: number): string {
	const minutes = Math.floor(ms / 60_000);
	const seconds = Math.floor((ms % 60_000) / 1000);
	const hundredths = Math.floor((ms % 1000) / 10);
	return `${minutes}:${String(seconds).padStart(2, "0")}.${String(hundredths).padStart(2, "0")}`;
}

/** A comment's drawings show from its moment for a second of video time (longer in slow motion). */
export const isShownAt = (atMs: number, currentMs: number) => currentMs >= atMs - 40 && currentMs <= atMs + 1000;
