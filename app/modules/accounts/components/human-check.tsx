import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigation } from "react-router";

/** Server answers that mean "this send needs a solved challenge". */
export const humanCheckRefusals = [
	"accounts.errors.humanCheckRequired",
	"accounts.errors.humanCheckRequiredSignIn",
	"accounts.errors.humanCheckInvalid",
];

type State = "idle" | "solving" | "solved" | "failed";

/**
 * The SMS forms' human check (docs/decisions/008-sms-human-check.md): once the server says a send
 * needs one, the browser fetches a proof-of-work challenge and solves it (about half a second),
 * and the form sends the solution in the hidden `challenge` field. Nothing to click; without
 * JavaScript the first sends of the hour still work and a note explains the rest.
 */
export function HumanCheck({ needed, onSolved }: { needed: boolean; onSolved?: () => void }) {
	const { t } = useTranslation();
	const [state, setState] = useState<State>("idle");
	const [payload, setPayload] = useState("");
	const [attempt, setAttempt] = useState(0);
	const navigation = useNavigation();
	const submittedOurs = useRef(false);
	const onSolvedRef = useRef(onSolved);
	onSolvedRef.current = onSolved;

	// A solution is good for one send: once a submission carrying it is over, solve a fresh one.
	useEffect(() => {
		if (navigation.state !== "idle" && payload && navigation.formData?.get("challenge") === payload) {
			submittedOurs.current = true;
		} else if (navigation.state === "idle" && submittedOurs.current) {
			submittedOurs.current = false;
			setPayload("");
			setState("idle");
		}
	}, [navigation.state, navigation.formData, payload]);

	useEffect(() => {
		if (!needed || payload || attempt < 0) return;
		let cancelled = false;
		const controller = new AbortController();
		setState("solving");
		solve(controller)
			.then((solved) => {
				if (cancelled) return;
				setPayload(solved);
				setState("solved");
				onSolvedRef.current?.();
			})
			.catch(() => {
				if (!cancelled) setState("failed");
			});
		return () => {
			cancelled = true;
			controller.abort();
		};
	}, [needed, payload, attempt]);

	return (
		<div data-human-check={needed ? "needed" : "idle"} className="text-sm">
			<input type="hidden" name="challenge" value={payload} />
			{needed ? (
				<noscript>
					<p className="text-muted">{t("accounts.humanCheck.noScript")}</p>
				</noscript>
			) : null}
			<p role="status" className={state === "failed" ? "text-danger" : "text-muted"}>
				{state === "solving"
					? t("accounts.humanCheck.solving")
					: state === "solved"
						? t("accounts.humanCheck.solved")
						: state === "failed"
							? t("accounts.humanCheck.failed")
							: null}
			</p>
			{state === "failed" ? (
				<button type="button" className="text-cloth-700 underline" onClick={() => setAttempt((value) => value + 1)}>
					{t("accounts.humanCheck.retry")}
				</button>
			) : null}
		</div>
	);
}

/** Fetches a challenge and finds its counter with the browser's own SHA-256 (Web Crypto). */
async function solve(controller: AbortController): Promise<string> {
	const [{ solveChallenge }, { deriveKey }] = await Promise.all([import("altcha-lib"), import("altcha-lib/algorithms/web/sha")]);
	const response = await fetch("/api/v1/auth/challenge", { signal: controller.signal, cache: "no-store" });
	if (!response.ok) throw new Error(`challenge ${response.status}`);
	const challenge = await response.json();
	const solution = await solveChallenge({ challenge, deriveKey, controller, timeout: 60_000 });
	if (!solution) throw new Error("not solved");
	return btoa(JSON.stringify({ challenge, solution }));
}
