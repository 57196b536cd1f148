import { z } from "zod";
import { requireApiPermission } from "~/modules/accounts/guards.server";
import { wordCategories } from "~/modules/moderation/categories";
import { wordIdSchema, wordInputSchema } from "~/modules/moderation/schema";
import { addWord, listWords, removeWord } from "~/modules/moderation/word-list.server";
import { authHeaders } from "../client";
import { defineEndpoint } from "../endpoint";

/** The forbidden-word list over JSON, for support and admins (`moderate:content:any`); the same services as /admin/moderation/words. */
const wordSchema = z.object({
	id: z.string().uuid(),
	word: z.string(),
	category: z.enum(wordCategories),
	addedBy: z
		.object({ id: z.string().uuid(), displayName: z.string() })
		.nullable()
		.describe("null for the starter list shipped with the product"),
	createdAt: z.string(),
});

const denied = {
	401: { description: "Not signed in" },
	403: { description: "Not support or admin (with the second factor)" },
};

export const listModerationWords = defineEndpoint({
	method: "get",
	path: "/admin/moderation/words",
	summary: "The forbidden-word list reviews and replies are checked against, by category",
	tag: "admin",
	auth: "bearer",
	responses: { 200: { description: "The list", schema: z.object({ items: z.array(wordSchema) }) }, ...denied },
	handler: async ({ req }) => {
		await requireApiPermission(authHeaders(req), "moderate:content:any");
		return { body: { items: await listWords() } };
	},
});

export const addModerationWord = defineEndpoint({
	method: "post",
	path: "/admin/moderation/words",
	summary: "Add a forbidden word (audited); the next submission is checked against it",
	tag: "admin",
	auth: "bearer",
	body: wordInputSchema,
	responses: {
		201: { description: "Added", schema: z.object({ word: wordSchema }) },
		400: { description: "Empty (or only punctuation), over 50 characters, or an unknown category" },
		...denied,
		409: { description: "already_listed: the list holds the word (compared as the matcher compares)" },
	},
	handler: async ({ req, body }) => {
		const session = await requireApiPermission(authHeaders(req), "moderate:content:any");
		return { status: 201, body: { word: await addWord({ staffId: session.user.id, ...body }) } };
	},
});

export const removeModerationWord = defineEndpoint({
	method: "delete",
	path: "/admin/moderation/words/:wordId",
	summary: "Remove a forbidden word (audited)",
	tag: "admin",
	auth: "bearer",
	params: z.object({ wordId: wordIdSchema }),
	responses: {
		204: { description: "Removed" },
		...denied,
		404: { description: "No such word" },
	},
	handler: async ({ req, params }) => {
		const session = await requireApiPermission(authHeaders(req), "moderate:content:any");
		await removeWord({ staffId: session.user.id, wordId: params.wordId });
		return { status: 204 };
	},
});
