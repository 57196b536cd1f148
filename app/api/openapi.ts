import { z } from "zod";
import type { Endpoint } from "./endpoint";
import { errorBodySchema } from "./error-response";

type AnyEndpoint = Endpoint<any, any, any>;

const jsonSchema = (schema: z.ZodType, io: "input" | "output") =>
	z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" });

function parameters(schema: z.ZodType | undefined, location: "query" | "path") {
	if (!schema) return [];
	const shape = jsonSchema(schema, "input") as { properties?: Record<string, unknown>; required?: string[] };
	return Object.entries(shape.properties ?? {}).map(([name, property]) => ({
		name,
		in: location,
		required: location === "path" || (shape.required ?? []).includes(name),
		schema: property,
	}));
}

/**
 * What the router answers for an operation before its handler runs, listed even where the
 * endpoint forgot to: 400 when its input does not parse, 401 without a session it requires.
 */
function routerAnswers(endpoint: AnyEndpoint): Endpoint["responses"] {
	const answers: Endpoint["responses"] = {};
	if (endpoint.body || endpoint.query || endpoint.params) {
		answers[400] = { description: "Invalid input; `error.fields` names each bad field" };
	}
	if (endpoint.auth === "bearer") answers[401] = { description: "Not signed in" };
	return answers;
}

/** The OpenAPI 3.1 document, built from the same zod schemas that validate each request. */
export function buildOpenApiDocument(endpoints: readonly AnyEndpoint[]) {
	const paths: Record<string, Record<string, unknown>> = {};
	for (const endpoint of endpoints) {
		const path = `/api/v1${endpoint.path.replace(/:([A-Za-z]+)/g, "{$1}")}`;
		paths[path] ??= {};
		const responses: Record<string, unknown> = {};
		for (const [status, response] of Object.entries({ ...routerAnswers(endpoint), ...endpoint.responses })) {
			const schema = response.schema ?? (Number(status) >= 400 ? errorBodySchema : undefined);
			responses[status] = {
				description: response.description,
				...("contentType" in response && response.contentType
					? { content: { [response.contentType]: { schema: { type: "string" } } } }
					: schema
						? { content: { "application/json": { schema: jsonSchema(schema, "output") } } }
						: {}),
			};
		}
		paths[path][endpoint.method] = {
			summary: endpoint.summary,
			tags: [endpoint.tag],
			operationId: `${endpoint.method}${endpoint.path.replace(/[/:-](\w)/g, (_m, c: string) => c.toUpperCase())}`,
			...(endpoint.auth === "bearer" || endpoint.auth === "bearer-pending" ? { security: [{ bearerAuth: [] }] } : {}),
			parameters: [...parameters(endpoint.params, "path"), ...parameters(endpoint.query, "query")],
			...(endpoint.body
				? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(endpoint.body, "input") } } } }
				: {}),
			...(endpoint.rawBody
				? {
						requestBody: {
							required: true,
							description: endpoint.rawBody.description,
							content: Object.fromEntries(
								endpoint.rawBody.contentTypes.map((type) => [type, { schema: { type: "string", format: "binary" } }]),
							),
						},
					}
				: {}),
			responses,
		};
	}
	return {
		openapi: "3.1.0",
		info: {
			title: "CuePal 球伴 API",
			version: "1.0.0",
			description:
				"The JSON API of CuePal for the mobile app and the WeChat mini-program. Errors are always `{ error: { code, message } }`; messages follow Accept-Language (zh-CN by default).",
		},
		servers: [{ url: "/" }],
		components: {
			securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "A session token from a sign-in call" } },
		},
		paths,
	};
}
