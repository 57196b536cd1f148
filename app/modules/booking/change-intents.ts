/** The page actions that change a booking by agreement (the form's `intent`), shared by the pages and their actions. */
export const changeIntents = ["adjust", "reschedule", "accept-change", "decline-change", "withdraw-change"] as const;
export type ChangeIntent = (typeof changeIntents)[number];
export const isChangeIntent = (value: unknown): value is ChangeIntent =>
	typeof value === "string" && (changeIntents as readonly string[]).includes(value);
