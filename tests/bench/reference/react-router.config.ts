import type { Config } from "@react-router/dev/config";

/**
 * The bench's reference page: the smallest React Router app that does what a CuePal page does
 * (a loader reading rows through drizzle, text through i18next, server rendering). Built by the
 * bench into .data/bench-reference/build, never into the app's shared build/.
 */
export default {
	appDirectory: "app",
	buildDirectory: "../../../.data/bench-reference/build",
	ssr: true,
} satisfies Config;
