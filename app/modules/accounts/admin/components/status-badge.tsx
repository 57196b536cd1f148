import { useTranslation } from "react-i18next";
import { cn } from "~/ui/cn";

const tones = {
	active: "bg-cloth-50 text-cloth-800 ring-cloth-200",
	suspended: "bg-red-50 text-danger ring-red-200",
	deleted: "bg-paper text-muted ring-line",
} as const;

export function StatusBadge({ status }: { status: keyof typeof tones }) {
	const { t } = useTranslation();
	return (
		<span
			className={cn(
				"inline-flex shrink-0 items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset",
				tones[status],
			)}
		>
			{t(`admin.status.${status}`)}
		</span>
	);
}

/** The roles beyond "player", which everyone has. */
export function RoleChips({ roles }: { roles: readonly string[] }) {
	const { t } = useTranslation();
	const shown = roles.filter((role) => role !== "player");
	if (shown.length === 0) return null;
	return (
		<ul className="flex flex-wrap gap-1.5">
			{shown.map((role) => (
				<li key={role} className="rounded-full bg-wood-100 px-2.5 py-0.5 text-xs text-wood-700">
					{t(`accounts.roles.${role}`)}
				</li>
			))}
		</ul>
	);
}
