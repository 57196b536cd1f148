import type { ButtonHTMLAttributes } from "react";
import { Link, type LinkProps } from "react-router";
import { cn } from "./cn";

type Variant = "primary" | "secondary" | "ghost" | "danger";
type Size = "md" | "lg" | "sm";

const variants: Record<Variant, string> = {
	primary: "bg-cloth-700 text-white hover:bg-cloth-800 active:bg-cloth-900 shadow-sm",
	secondary: "bg-white text-cloth-800 ring-1 ring-inset ring-cloth-200 hover:bg-cloth-50",
	ghost: "text-cloth-800 hover:bg-cloth-50",
	danger: "bg-danger text-white hover:brightness-95",
};
const sizes: Record<Size, string> = {
	sm: "h-9 px-3 text-sm",
	md: "h-11 px-5 text-[15px]",
	lg: "h-12 px-6 text-base",
};

export function buttonClasses(variant: Variant = "primary", size: Size = "md", extra?: string): string {
	return cn(
		"inline-flex items-center justify-center gap-2 rounded-full font-medium transition-colors",
		"disabled:cursor-not-allowed disabled:opacity-60",
		variants[variant],
		sizes[size],
		extra,
	);
}

export function Button({
	variant,
	size,
	className,
	type = "button",
	busy,
	children,
	...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; size?: Size; busy?: boolean }) {
	return (
		<button
			type={type}
			className={buttonClasses(variant, size, className)}
			aria-busy={busy || undefined}
			disabled={busy || props.disabled}
			{...props}
		>
			{busy ? (
				<span aria-hidden className="size-4 animate-spin rounded-full border-2 border-current border-t-transparent" />
			) : null}
			{children}
		</button>
	);
}

export function ButtonLink({ variant, size, className, ...props }: LinkProps & { variant?: Variant; size?: Size }) {
	return <Link className={buttonClasses(variant, size, className)} {...props} />;
}
