import { index, type RouteConfig } from "@react-router/dev/routes";

export default [index("routes/coaches.tsx")] satisfies RouteConfig;
