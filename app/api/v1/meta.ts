import { z } from "zod";
import { locales } from "~/lib/i18n";
import { courseTypeNames, courseTypes, currency, disciplineNames, disciplines, lessonPlaces } from "~/modules/coaches/catalog";
import { defineEndpoint } from "../endpoint";

const namedSchema = z.object({ code: z.string(), name: z.object({ "zh-CN": z.string(), en: z.string() }) });

export const getMeta = defineEndpoint({
	method: "get",
	path: "/meta",
	summary: "The enumerations clients need: disciplines, course types, lesson places, locales, currency",
	tag: "meta",
	responses: {
		200: {
			description: "Enumerations",
			schema: z.object({
				disciplines: z.array(namedSchema),
				courseTypes: z.array(namedSchema),
				lessonPlaces: z.array(z.string()),
				locales: z.array(z.string()),
				defaultLocale: z.string(),
				currency: z.literal("CNY"),
				moneyUnit: z.literal("fen"),
			}),
		},
	},
	handler: async () => ({
		body: {
			disciplines: disciplines.map((code) => ({ code, name: disciplineNames[code] })),
			courseTypes: courseTypes.map((code) => ({ code, name: courseTypeNames[code] })),
			lessonPlaces: [...lessonPlaces],
			locales: [...locales],
			defaultLocale: locales[0],
			currency,
			moneyUnit: "fen" as const,
		},
	}),
});
