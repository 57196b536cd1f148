import { z } from "zod";
import { AppError } from "~/lib/errors";
import { requireApiPermission } from "~/modules/accounts/guards.server";
import { findCoachOfUser } from "~/modules/coaches/application/coach-record.server";
import {
	createDrill,
	type DrillEditor,
	listEditableDrills,
	retireDrill,
	updateDrill,
} from "~/modules/learning/drill-editing.server";
import { drillIdSchema, drillInputSchema } from "~/modules/learning/drill-input";
import { authHeaders, callerOf } from "../client";
import { defineEndpoint } from "../endpoint";
import { drillSchema } from "./learning";

/**
 * Editing drills: staff (`manage:drill:any`) edit the platform's catalogue under /admin/drills,
 * approved coaches their own under /coach/drills; the same services as the back office and the desk.
 */
const editableDrillSchema = drillSchema.extend({
	coachId: z.string().uuid().nullable().describe("null for the platform's catalogue; the owning coach's id otherwise"),
	retiredAt: z.string().nullable().describe("Retired drills stay for the records that name them"),
	updatedAt: z.string(),
});
const one = z.object({ drill: editableDrillSchema });
const params = z.object({ drillId: drillIdSchema });
const badInput = { description: "Missing or too long names or set-up, unknown skills, scoring out of range" };
const inUse = { description: "drill_in_use: records counted shots with it, so only names and set-up may change" };

const staff = async (req: Parameters<typeof authHeaders>[0]): Promise<DrillEditor> => {
	const session = await requireApiPermission(authHeaders(req), "manage:drill:any");
	return { kind: "staff", staffId: session.user.id };
};

/** Only an approved coach keeps drills of their own (403 before approval). */
const approvedCoach = async (req: Parameters<typeof authHeaders>[0]): Promise<DrillEditor> => {
	const caller = await callerOf(req);
	const coach = await findCoachOfUser(caller.userId);
	if (coach?.status !== "approved") throw new AppError(403, "forbidden", "learning.drillEditor.errors.coachNotApproved");
	return { kind: "coach", coachId: coach.id };
};

const staffDenied = { 401: { description: "Not signed in" }, 403: { description: "Not an admin (with the second factor)" } };
const coachDenied = { 401: { description: "Not signed in" }, 403: { description: "Not an approved coach" } };

export const listAdminDrills = defineEndpoint({
	method: "get",
	path: "/admin/drills",
	summary: "The platform's drill catalogue, retired drills included",
	tag: "admin",
	auth: "bearer",
	responses: { 200: { description: "The drills", schema: z.object({ items: z.array(editableDrillSchema) }) }, ...staffDenied },
	handler: async ({ req }) => ({ body: { items: await listEditableDrills(await staff(req)) } }),
});

export const createAdminDrill = defineEndpoint({
	method: "post",
	path: "/admin/drills",
	summary: "Add a drill to the platform's catalogue (audited)",
	tag: "admin",
	auth: "bearer",
	body: drillInputSchema,
	responses: { 201: { description: "Added", schema: one }, 400: badInput, ...staffDenied },
	handler: async ({ req, body }) => ({ status: 201, body: { drill: await createDrill(await staff(req), body) } }),
});

export const updateAdminDrill = defineEndpoint({
	method: "patch",
	path: "/admin/drills/:drillId",
	summary: "Rewrite a catalogue drill (audited); all fields are sent",
	tag: "admin",
	auth: "bearer",
	params,
	body: drillInputSchema,
	responses: {
		200: { description: "Saved", schema: one },
		400: badInput,
		...staffDenied,
		404: { description: "No such catalogue drill" },
		409: inUse,
	},
	handler: async ({ req, params, body }) => ({ body: { drill: await updateDrill(await staff(req), params.drillId, body) } }),
});

export const retireAdminDrill = defineEndpoint({
	method: "post",
	path: "/admin/drills/:drillId/retire",
	summary: "Retire a catalogue drill (audited): gone from new records, practice and plans, kept for old records",
	tag: "admin",
	auth: "bearer",
	params,
	responses: { 200: { description: "Retired", schema: one }, ...staffDenied, 404: { description: "No such catalogue drill" } },
	handler: async ({ req, params }) => ({ body: { drill: await retireDrill(await staff(req), params.drillId) } }),
});

export const listCoachDrills = defineEndpoint({
	method: "get",
	path: "/coach/drills",
	summary: "My own drills, retired ones included",
	tag: "coach",
	auth: "bearer",
	responses: { 200: { description: "The drills", schema: z.object({ items: z.array(editableDrillSchema) }) }, ...coachDenied },
	handler: async ({ req }) => ({ body: { items: await listEditableDrills(await approvedCoach(req)) } }),
});

export const createCoachDrill = defineEndpoint({
	method: "post",
	path: "/coach/drills",
	summary: "Add a drill of my own: seen by me, and by my students in the records I write with it",
	tag: "coach",
	auth: "bearer",
	body: drillInputSchema,
	responses: { 201: { description: "Added", schema: one }, 400: badInput, ...coachDenied },
	handler: async ({ req, body }) => ({ status: 201, body: { drill: await createDrill(await approvedCoach(req), body) } }),
});

export const updateCoachDrill = defineEndpoint({
	method: "patch",
	path: "/coach/drills/:drillId",
	summary: "Rewrite one of my drills; all fields are sent",
	tag: "coach",
	auth: "bearer",
	params,
	body: drillInputSchema,
	responses: {
		200: { description: "Saved", schema: one },
		400: badInput,
		...coachDenied,
		404: { description: "No such drill of mine" },
		409: inUse,
	},
	handler: async ({ req, params, body }) => ({
		body: { drill: await updateDrill(await approvedCoach(req), params.drillId, body) },
	}),
});

export const retireCoachDrill = defineEndpoint({
	method: "post",
	path: "/coach/drills/:drillId/retire",
	summary: "Retire one of my drills: gone from new records, kept for old ones",
	tag: "coach",
	auth: "bearer",
	params,
	responses: { 200: { description: "Retired", schema: one }, ...coachDenied, 404: { description: "No such drill of mine" } },
	handler: async ({ req, params }) => ({ body: { drill: await retireDrill(await approvedCoach(req), params.drillId) } }),
});
