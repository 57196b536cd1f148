import { useEffect, useRef, useState } from "react";
import { useRevalidator } from "react-router";

/**
 * Keeps a page's data fresh from a Server-Sent Events feed: each event (of `eventName`) reloads the
 * page's loaders, so the counts, lists and badges come from the server as usual. On reconnecting it
 * reloads too, since events sent while disconnected are not replayed. Returns whether it is live.
 */
export function useLiveRevalidation(url: string | null, eventName: string): boolean {
	const revalidator = useRevalidator();
	const latest = useRef(revalidator);
	latest.current = revalidator;
	const [live, setLive] = useState(false);
	useEffect(() => {
		if (!url || typeof EventSource === "undefined") return;
		const source = new EventSource(url);
		let opened = false;
		const refresh = () => {
			void latest.current.revalidate();
		};
		source.onopen = () => {
			setLive(true);
			if (opened) refresh();
			opened = true;
		};
		// EventSource retries by itself; meanwhile the page says it is not live.
		source.onerror = () => setLive(false);
		source.addEventListener(eventName, refresh);
		return () => {
			source.close();
			setLive(false);
		};
	}, [url, eventName]);
	return live;
}
