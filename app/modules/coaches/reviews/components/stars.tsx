import { useTranslation } from "react-i18next";
import { cn } from "~/ui/cn";

/** Stars as text (★★★★☆) with the number spoken for screen readers. */
export function Stars({ value, className }: { value: number; className?: string }) {
	const { t } = useTranslation();
	const full = Math.round(value);
	return (
		<span className={cn("text-wood-500", className)} role="img" aria-label={t("coaches.reviews.starsLabel", { stars: value })}>
			{"★".repeat(full)}
			<span className="text-line">{"★".repeat(5 - full)}</span>
		</span>
	);
}

/** A 1–5 choice as radio buttons styled as stars: works without JavaScript and with a keyboard. */
export function StarInput({
	name,
	label,
	defaultValue,
	error,
}: {
	name: string;
	label: string;
	defaultValue?: number;
	error?: string | null;
}) {
	const { t } = useTranslation();
	return (
		<fieldset className="space-y-1.5" aria-invalid={error ? true : undefined}>
			<legend className="text-sm font-medium text-ink">{label}</legend>
			<div className="flex gap-1.5">
				{[1, 2, 3, 4, 5].map((stars) => (
					<label key={stars} className="cursor-pointer">
						<input
							type="radio"
							name={name}
							value={stars}
							defaultChecked={defaultValue === stars}
							className="peer sr-only"
							aria-label={t("coaches.reviews.starsLabel", { stars })}
						/>
						<span className="flex h-11 w-11 items-center justify-center rounded-xl bg-paper text-lg ring-1 ring-inset ring-line peer-checked:bg-wood-100 peer-checked:text-wood-700 peer-checked:ring-wood-500 peer-focus-visible:ring-2 peer-focus-visible:ring-cloth-500">
							{stars}★
						</span>
					</label>
				))}
			</div>
			{error ? (
				<p role="alert" className="text-sm text-danger">
					{error}
				</p>
			) : null}
		</fieldset>
	);
}
