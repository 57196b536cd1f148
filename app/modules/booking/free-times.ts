// The slot engine moved to app/lib/free-times.ts so the coaches module can compute its search
// summary from the same rules (decision 011); booking keeps importing it from here.
export * from "~/lib/free-times";
