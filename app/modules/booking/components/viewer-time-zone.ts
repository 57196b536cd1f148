import { useEffect, useState } from "react";
import { shanghai } from "./time-format";

/**
 * The browser's time zone when it is not Shanghai's, else null. Known only after hydration (the
 * server cannot know it), so the first render matches the server's and a second adds the viewer's times.
 */
export function useViewerTimeZone(): string | null {
	const [timeZone, setTimeZone] = useState<string | null>(null);
	useEffect(() => {
		const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
		const sameClock = (zone: string) =>
			new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" }).format(new Date());
		if (own && own !== shanghai && sameClock(own).split(" ").pop() !== sameClock(shanghai).split(" ").pop()) setTimeZone(own);
	}, []);
	return timeZone;
}
