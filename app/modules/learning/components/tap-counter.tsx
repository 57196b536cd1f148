import { useTranslation } from "react-i18next";

/**
 * A count with big − and + buttons, for a coach standing at the table with a phone. The buttons are
 * submit buttons naming the field (the server moves the count when JavaScript is off); with
 * JavaScript they move it here. The number can still be typed.
 */
export function TapCounter(props: {
	name: string;
	label: string;
	value: string;
	error?: string | null;
	onTap?: (name: string, step: number) => void;
	onType?: (name: string, value: string) => void;
}) {
	const { t } = useTranslation();
	const tap = (step: number) => (event: React.MouseEvent) => {
		if (!props.onTap) return;
		event.preventDefault();
		props.onTap(props.name, step);
	};
	const id = `counter-${props.name.replaceAll(".", "-")}`;
	return (
		<div className="flex flex-col gap-1">
			<label htmlFor={id} className="text-xs text-muted">
				{props.label}
			</label>
			<div className="flex items-center gap-1">
				<button
					type="submit"
					name="intent"
					value={`tap:${props.name}:-1`}
					onClick={tap(-1)}
					aria-label={t("learning.record.minus", { what: props.label })}
					className="h-12 w-12 shrink-0 rounded-xl bg-stone-100 text-2xl font-semibold text-ink active:bg-stone-200"
				>
					−
				</button>
				<input
					id={id}
					name={props.name}
					inputMode="numeric"
					value={props.value}
					onChange={(event) => props.onType?.(props.name, event.target.value)}
					aria-invalid={props.error ? true : undefined}
					className="h-12 w-full min-w-0 rounded-xl border border-stone-300 text-center text-lg tabular-nums"
				/>
				<button
					type="submit"
					name="intent"
					value={`tap:${props.name}:1`}
					onClick={tap(1)}
					aria-label={t("learning.record.plus", { what: props.label })}
					className="h-12 w-12 shrink-0 rounded-xl bg-cloth-700 text-2xl font-semibold text-white active:bg-cloth-800"
				>
					+
				</button>
			</div>
			{props.error ? <p className="text-xs text-red-700">{props.error}</p> : null}
		</div>
	);
}
