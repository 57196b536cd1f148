/** What a movement of a coach's money can be (shared by the page's filter and the server's query). */
export const movementKinds = ["order", "tip", "withdrawal"] as const;
export type MovementKind = (typeof movementKinds)[number];
