import { type InputHTMLAttributes, type ReactNode, useId } from "react";
import { cn } from "./cn";

export const inputClasses =
	"block w-full rounded-xl border border-line bg-white px-3.5 py-2.5 text-base text-ink placeholder:text-muted/70 " +
	"focus:border-cloth-500 focus:outline-none focus:ring-2 focus:ring-cloth-200 aria-[invalid=true]:border-danger";

/** A labelled input with its hint and its error text beside it, wired for screen readers. */
export function Field({
	label,
	hint,
	error,
	className,
	children,
	...inputProps
}: Omit<InputHTMLAttributes<HTMLInputElement>, "children"> & {
	label: ReactNode;
	hint?: ReactNode;
	error?: string | null;
	/** Replaces the input (e.g. with a Select), still wired to the label. */
	children?: (props: { id: string; "aria-invalid"?: boolean; "aria-describedby"?: string }) => ReactNode;
}) {
	const id = useId();
	const hintId = `${id}-hint`;
	const errorId = `${id}-error`;
	const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
	const wiring = { id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy };
	return (
		<div className={cn("space-y-1.5", className)}>
			<label htmlFor={id} className="block text-sm font-medium text-ink">
				{label}
			</label>
			{children ? children(wiring) : <input className={inputClasses} {...wiring} {...inputProps} />}
			{hint ? (
				<p id={hintId} className="text-sm text-muted">
					{hint}
				</p>
			) : null}
			{error ? (
				<p id={errorId} role="alert" className="text-sm text-danger">
					{error}
				</p>
			) : null}
		</div>
	);
}
