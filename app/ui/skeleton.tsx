import { cn } from "./cn";

/** A grey placeholder in the shape of content still loading. */
export function Skeleton({ className }: { className?: string }) {
	return <div aria-hidden className={cn("animate-pulse rounded-lg bg-line/70", className)} />;
}
