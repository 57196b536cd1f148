import type { ReactNode } from "react";
import { Link } from "react-router";
import { cn } from "~/ui/cn";
import { EmptyState } from "~/ui/empty-state";
import { KeysetPagination } from "./keyset-pagination";

/**
 * A back-office list of records, each row a link to the record, with keyset paging — or, when
 * nothing is there, the empty state (`empty`, chosen by the page: nothing yet, or nothing matching
 * its filters). A row's cells are laid out on wider screens by `columns` (a grid template).
 */
export function ResultList<Item extends { id: string }>({
	label,
	items,
	href,
	columns,
	nextCursor,
	empty,
	children,
}: {
	label: string;
	items: readonly Item[];
	href: (item: Item) => string;
	columns: string;
	nextCursor: string | null;
	empty: { icon: string; title: string; body: string };
	children: (item: Item) => ReactNode;
}) {
	if (items.length === 0) return <EmptyState {...empty} />;
	return (
		<section aria-label={label}>
			<ul className="overflow-hidden rounded-3xl bg-white shadow-(--shadow-card)">
				{items.map((item) => (
					<li key={item.id} className="border-b border-line last:border-b-0">
						<Link to={href(item)} className="flex items-center gap-3 px-4 py-3.5 hover:bg-paper sm:gap-4 sm:px-5">
							<span className={cn("min-w-0 flex-1 text-left sm:grid sm:items-center sm:gap-4", columns)}>{children(item)}</span>
							<span aria-hidden className="text-muted">
								›
							</span>
						</Link>
					</li>
				))}
			</ul>
			<KeysetPagination nextCursor={nextCursor} />
		</section>
	);
}
