import { getMeta } from "./meta";

/** Every operation of /api/v1, in the order the OpenAPI document lists them. */
export const endpoints = [getMeta] as const;
