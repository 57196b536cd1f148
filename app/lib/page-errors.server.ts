import { data } from "react-router";
import { isAppError } from "./errors";

/**
 * For page loaders: an AppError from a service (404, 403…) becomes a thrown response with its
 * status, so the root error boundary shows the matching friendly page instead of a 500.
 */
export async function orPageError<T>(work: Promise<T>): Promise<T> {
	try {
		return await work;
	} catch (error) {
		if (isAppError(error)) throw data({ code: error.code }, { status: error.status });
		throw error;
	}
}
