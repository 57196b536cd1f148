import { index, type RouteConfig, route } from "@react-router/dev/routes";

export default [
	index("routes/home.tsx"),
	route("set-language", "routes/set-language.tsx"),
	route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
