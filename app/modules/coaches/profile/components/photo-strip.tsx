import { useRef, useState } from "react";
import { PhotoViewer, type ViewerPhoto } from "./photo-viewer";

export interface StripPhoto extends ViewerPhoto {
	/** The smaller image shown in the strip (a card or a thumbnail variant). */
	previewUrl: string;
}

/**
 * How a strip looks: the coach's gallery is a row of large cards that scrolls sideways and snaps;
 * a review's photos are small square thumbnails that wrap.
 */
const layouts = {
	cards: {
		list: "-mx-4 flex snap-x snap-mandatory gap-3 overflow-x-auto px-4 pb-2",
		item: "w-4/5 shrink-0 snap-center sm:w-72",
		link: "block overflow-hidden rounded-3xl bg-cloth-50",
		image: "aspect-[4/3] w-full object-cover",
		width: 600,
		height: 450,
		// The gallery's first card is above the fold: it loads at once, the rest as they scroll in.
		eagerFirst: true,
	},
	thumbnails: {
		list: "flex flex-wrap gap-2",
		item: undefined,
		link: "block size-20 overflow-hidden rounded-xl bg-cloth-50 ring-1 ring-line sm:size-24",
		image: "size-full object-cover",
		width: 96,
		height: 96,
		eagerFirst: false,
	},
} as const;

/**
 * A strip of photos that opens them large in the page (PhotoViewer); closing it puts focus back on
 * the photo tapped, so a keyboard or screen-reader user keeps their place. Without JavaScript each
 * link still opens the large image. Used by the coach's gallery and by the photos of reviews.
 */
export function PhotoStrip({
	photos,
	layout,
	nameOf,
	viewerLabel,
	listLabel,
	linkTestId,
}: {
	photos: StripPhoto[];
	layout: keyof typeof layouts;
	nameOf: (index: number) => string;
	viewerLabel: string;
	listLabel?: string;
	linkTestId?: string;
}) {
	const [shown, setShown] = useState<number | null>(null);
	const links = useRef<Array<HTMLAnchorElement | null>>([]);
	const opener = useRef<number | null>(null);
	const look = layouts[layout];
	return (
		<>
			<ul className={look.list} aria-label={listLabel}>
				{photos.map((photo, index) => (
					<li key={photo.id} className={look.item}>
						<a
							href={photo.fullUrl}
							className={look.link}
							data-testid={linkTestId}
							ref={(element) => {
								links.current[index] = element;
							}}
							onClick={(event) => {
								event.preventDefault();
								opener.current = index;
								setShown(index);
							}}
						>
							<img
								src={photo.previewUrl}
								alt={nameOf(index)}
								className={look.image}
								loading={look.eagerFirst && index === 0 ? "eager" : "lazy"}
								width={look.width}
								height={look.height}
							/>
						</a>
					</li>
				))}
			</ul>
			<PhotoViewer
				photos={photos}
				shown={shown}
				onShow={setShown}
				onClose={() => {
					if (opener.current !== null) links.current[opener.current]?.focus();
				}}
				label={viewerLabel}
				nameOf={nameOf}
			/>
		</>
	);
}
