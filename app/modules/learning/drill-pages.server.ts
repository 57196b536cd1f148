import { data } from "react-router";
import { type FormErrors, formErrorsOf } from "~/lib/form.server";
import { pageTitle } from "~/lib/i18n";
import { orPageError } from "~/lib/page-errors.server";
import { redirectWithToast } from "~/lib/toast.server";
import { fieldErrorKeys } from "~/lib/validation";
import { findCoachOfUser } from "~/modules/coaches/application/coach-record.server";
import { formValuesOfDrill } from "./components/drill-form";
import { createDrill, type DrillEditor, getEditableDrill, retireDrill, updateDrill } from "./drill-editing.server";
import { drillFormValues, drillIdSchema, drillInputSchema } from "./drill-input";
import { drillIsInUse } from "./drills.server";

/** The drill of a page's `:drillId` (null on the new-drill page; a malformed id finds nothing). */
export function drillIdOf(params: { drillId?: string }): string | null {
	if (!params.drillId) return null;
	const parsed = drillIdSchema.safeParse(params.drillId);
	return parsed.success ? parsed.data : "-";
}

/** The drill form page's data, for the back office and the coach's desk alike: a new drill, or one of the editor's (404 otherwise). */
export async function drillFormPage(request: Request, editor: DrillEditor, params: { drillId?: string }) {
	const drillId = drillIdOf(params);
	const drill = drillId ? await orPageError(getEditableDrill(editor, drillId)) : null;
	return {
		values: drill ? formValuesOfDrill(drill) : {},
		inUse: drill ? await drillIsInUse(drill.id) : false,
		editing: drill !== null,
		title: pageTitle(request, drill ? "learning.drillEditor.editTitle" : "learning.drillEditor.newTitle"),
	};
}

/** What a refused drill form hands back: the messages, and what was typed so nothing is lost. */
export type DrillFormOutcome = { errors: FormErrors; values: Record<string, unknown> };

async function formOf(request: Request): Promise<FormData | null> {
	try {
		return await request.formData();
	} catch {
		return null;
	}
}

/**
 * The drill editor's form, for the back office and the coach's desk alike: validated with the
 * API's schema, saved (created when `drillId` is null), then back to the list with a toast.
 */
export async function submitDrillForm(request: Request, editor: DrillEditor, drillId: string | null, listPath: string) {
	const form = await formOf(request);
	if (!form) return data<DrillFormOutcome>({ errors: { formError: "errors.badRequest" }, values: {} }, { status: 400 });
	const values = drillFormValues(form);
	const parsed = drillInputSchema.safeParse(values);
	if (!parsed.success)
		return data<DrillFormOutcome>({ errors: { fields: fieldErrorKeys(parsed.error) }, values }, { status: 400 });
	try {
		if (drillId) await updateDrill(editor, drillId, parsed.data);
		else await createDrill(editor, parsed.data);
	} catch (error) {
		const { errors, init } = formErrorsOf(error);
		return data<DrillFormOutcome>({ errors, values }, init);
	}
	const messageKey = drillId ? "learning.drillEditor.updated" : "learning.drillEditor.created";
	return redirectWithToast(listPath, { kind: "success", messageKey });
}

/** The list's retire button. */
export async function submitDrillRetirement(request: Request, editor: DrillEditor, listPath: string) {
	const form = await formOf(request);
	const drillId = drillIdSchema.safeParse(form?.get("drillId"));
	if (!drillId.success) return data({ errors: { formError: "learning.errors.unknownDrill" } as FormErrors }, { status: 404 });
	try {
		await retireDrill(editor, drillId.data);
	} catch (error) {
		const { errors, init } = formErrorsOf(error);
		return data({ errors }, init);
	}
	return redirectWithToast(listPath, { kind: "success", messageKey: "learning.drillEditor.retiredToast" });
}

/** The signed-in user's coach record as a drill editor, or null before approval (the desk says why). */
export async function coachDrillEditor(userId: string): Promise<DrillEditor | null> {
	const coach = await findCoachOfUser(userId);
	return coach?.status === "approved" ? { kind: "coach", coachId: coach.id } : null;
}
