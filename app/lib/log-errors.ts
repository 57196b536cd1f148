/**
 * How an error is written to the log. A failed query's error carries its parameters — search
 * text, coordinates, session hashes, phone blind indexes — in `params` and at the end of its
 * message (drizzle: "Failed query: …\nparams: …"), and PostgreSQL's `detail` can quote a row's
 * values ("Key (phone)=(…) already exists"). Those never reach the log: the SQL text, the error
 * code and the message do, which is what finding the failure needs.
 */
// An allow-list: whatever else an error carries (params, detail, where, internalQuery) stays out.
const keptFields = ["code", "severity", "constraint", "table", "column", "routine", "status", "type", "errno", "syscall"];

export interface LoggedError {
	type: string;
	message: string;
	stack?: string;
	query?: string;
	[field: string]: unknown;
}

export function errorForLog(error: unknown, depth = 0): unknown {
	if (!(error instanceof Error)) return error;
	const logged: LoggedError = {
		type: error.constructor?.name ?? error.name,
		message: withoutParams(error.message),
		stack: error.stack ? withoutParams(error.stack) : undefined,
	};
	const record = error as unknown as Record<string, unknown>;
	// The statement itself has placeholders ($1, $2), never values: worth keeping.
	if (typeof record.query === "string") logged.query = record.query;
	for (const field of keptFields) {
		if (record[field] !== undefined) logged[field] = record[field];
	}
	if (error.cause !== undefined && depth < 4) logged.cause = errorForLog(error.cause, depth + 1);
	return logged;
}

/** Drizzle appends the parameters (which may span lines) to the message, and so to the stack's head. */
function withoutParams(text: string): string {
	return text.replace(/\nparams: [\s\S]*?(?=\n\s+at |$)/, "");
}
