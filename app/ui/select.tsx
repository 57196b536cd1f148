import type { SelectHTMLAttributes } from "react";
import { cn } from "./cn";
import { inputClasses } from "./field";

/** A native select: the phone's own picker is the best one on a small screen. */
export function Select({
	options,
	className,
	...props
}: SelectHTMLAttributes<HTMLSelectElement> & { options: Array<{ value: string; label: string }> }) {
	return (
		<select className={cn(inputClasses, "appearance-auto pr-8", className)} {...props}>
			{options.map((option) => (
				<option key={option.value} value={option.value}>
					{option.label}
				</option>
			))}
		</select>
	);
}
