import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "~/ui/button";
import { cn } from "~/ui/cn";

/** One numbered part of a long form, with whether it is done, still to do, or optional. */
export function SectionCard({
	id,
	step,
	title,
	state,
	children,
}: {
	id: string;
	step?: number;
	title: string;
	state?: "done" | "todo" | "optional";
	children: ReactNode;
}) {
	const { t } = useTranslation();
	return (
		<section
			id={id}
			aria-labelledby={`${id}-title`}
			className="scroll-mt-20 rounded-3xl bg-white p-5 shadow-(--shadow-card) sm:p-7"
		>
			<div className="flex items-center gap-3">
				{step ? (
					<span
						aria-hidden
						className={cn(
							"flex size-7 shrink-0 items-center justify-center rounded-full text-sm font-semibold",
							state === "done" ? "bg-cloth-700 text-white" : "bg-cloth-50 text-cloth-800",
						)}
					>
						{state === "done" ? "✓" : step}
					</span>
				) : null}
				<h2 id={`${id}-title`} className="flex-1 text-lg font-semibold">
					{title}
				</h2>
				{state ? (
					<span
						className={cn(
							"text-xs",
							state === "done" ? "text-cloth-700" : state === "todo" ? "font-medium text-wood-700" : "text-muted",
						)}
					>
						{t(`coaching.apply.${state}`)}
					</span>
				) : null}
			</div>
			<div className="mt-4">{children}</div>
		</section>
	);
}

/** Checkbox pills: a real checkbox (keyboard, screen readers, no JavaScript needed) dressed as a chip. */
export function CheckPill({
	name,
	value,
	label,
	defaultChecked,
	type = "checkbox",
}: {
	name: string;
	value: string;
	label: string;
	defaultChecked?: boolean;
	type?: "checkbox" | "radio";
}) {
	return (
		<label className="relative inline-flex cursor-pointer select-none">
			<input
				type={type}
				name={name}
				value={value}
				defaultChecked={defaultChecked}
				className="peer absolute inset-0 size-full cursor-pointer appearance-none rounded-full"
			/>
			<span className="inline-flex h-10 items-center rounded-full bg-white px-4 text-[15px] text-ink ring-1 ring-inset ring-line transition-colors peer-checked:bg-cloth-700 peer-checked:text-white peer-checked:ring-cloth-700 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-cloth-500">
				{label}
			</span>
		</label>
	);
}

/** A group of pills with a visible legend, its hint and its error, wired for screen readers. */
export function PillGroup({
	id,
	legend,
	hint,
	error,
	children,
}: {
	id: string;
	legend: string;
	hint?: string;
	error?: string | null;
	children: ReactNode;
}) {
	const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
	return (
		<fieldset aria-describedby={describedBy} aria-invalid={error ? true : undefined} className="space-y-2">
			<legend className="text-sm font-medium text-ink">{legend}</legend>
			{hint ? (
				<p id={`${id}-hint`} className="text-sm text-muted">
					{hint}
				</p>
			) : null}
			<div className="flex flex-wrap gap-2">{children}</div>
			{error ? (
				<p id={`${id}-error`} role="alert" className="text-sm text-danger">
					{error}
				</p>
			) : null}
		</fieldset>
	);
}

/** A refusal about a whole list (too many photos, places, certificates), under that list. */
export function ListError({ message }: { message: string | null }) {
	if (!message) return null;
	return (
		<p role="alert" className="mt-3 text-sm text-danger">
			{message}
		</p>
	);
}

export const fileInputClasses =
	"block w-full text-sm text-muted file:mr-3 file:h-10 file:cursor-pointer file:rounded-full file:border-0 file:bg-cloth-50 file:px-4 file:text-sm file:font-medium file:text-cloth-800 hover:file:bg-cloth-100";

/** The save button of a section's form; a section that cannot change right now has none. */
export function SaveSectionButton({ editable, busy }: { editable: boolean; busy: boolean }) {
	const { t } = useTranslation();
	if (!editable) return null;
	return (
		<Button type="submit" variant="secondary" busy={busy}>
			{t("coaching.apply.saveSection")}
		</Button>
	);
}
