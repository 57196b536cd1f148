import { useTranslation } from "react-i18next";
import { Form, Link, useNavigation } from "react-router";
import type { EditableDrill } from "../drills.server";
import { disciplines } from "../vocabulary";

/** Drills by discipline, easiest first: name in the reader's language, skills, scoring, and edit / retire. */
export function DrillList({ drills, editPath }: { drills: EditableDrill[]; editPath: (id: string) => string }) {
	const { t, i18n } = useTranslation();
	const busy = useNavigation().state === "submitting";
	const locale = i18n.language === "en" ? "en" : "zh-CN";
	return (
		<div className="space-y-5">
			{disciplines
				.filter((discipline) => drills.some((drill) => drill.discipline === discipline))
				.map((discipline) => {
					const shown = drills.filter((drill) => drill.discipline === discipline);
					return (
						<section
							key={discipline}
							aria-labelledby={`drills-${discipline}`}
							className="rounded-2xl bg-white p-4 shadow-(--shadow-card) sm:p-5"
						>
							<h2 id={`drills-${discipline}`} className="text-lg font-semibold">
								{t(`learning.disciplines.${discipline}`)}{" "}
								<span className="text-sm font-normal text-muted">{t("learning.drillEditor.count", { count: shown.length })}</span>
							</h2>
							<ul className="mt-2 divide-y divide-line">
								{shown.map((drill) => (
									<li key={drill.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-3" data-testid="drill-row">
										<div className="min-w-0 flex-1 basis-56">
											<p className={drill.retiredAt ? "font-medium text-muted line-through" : "font-medium"}>
												{drill.name[locale]}
											</p>
											<p className="text-xs text-muted">
												{drill.skills.map((skill) => t(`learning.skills.${skill}`)).join(" · ")}
												{" · "}
												{drill.scoring.kind === "ladder"
													? t("learning.scoring.ladder", { positions: drill.scoring.ladderPositions })
													: t("learning.scoring.made_of_attempts", { attempts: drill.scoring.attempts })}
												{" · "}
												{t("learning.difficulty", { level: drill.difficulty })}
											</p>
										</div>
										{drill.retiredAt ? (
											<span className="rounded-full bg-stone-100 px-2.5 py-0.5 text-xs text-muted">
												{t("learning.drillEditor.retiredNote")}
											</span>
										) : (
											<div className="flex items-center gap-2">
												<Link
													to={editPath(drill.id)}
													className="inline-flex min-h-11 items-center rounded-xl px-3 text-sm font-medium text-cloth-700 hover:bg-cloth-50"
													aria-label={`${t("learning.drillEditor.edit")} ${drill.name[locale]}`}
												>
													{t("learning.drillEditor.edit")}
												</Link>
												<Form method="post">
													<input type="hidden" name="intent" value="retire" />
													<input type="hidden" name="drillId" value={drill.id} />
													<button
														type="submit"
														disabled={busy}
														className="inline-flex min-h-11 items-center rounded-xl px-3 text-sm text-muted hover:bg-stone-100"
														aria-label={t("learning.drillEditor.retireLabel", { name: drill.name[locale] })}
													>
														{t("learning.drillEditor.retire")}
													</button>
												</Form>
											</div>
										)}
									</li>
								))}
							</ul>
						</section>
					);
				})}
		</div>
	);
}
