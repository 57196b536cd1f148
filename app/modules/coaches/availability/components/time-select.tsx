import { useTranslation } from "react-i18next";
import { useNavigation } from "react-router";
import { Select } from "~/ui/select";
import type { AvailabilityIntent, AvailabilityOutcome } from "../form";
import { quarterHours } from "../form";

/** A time of day in quarter hours (the phone's own picker), keeping a saved time that is not on the quarter. */
export function TimeSelect({
	id,
	name,
	defaultValue,
	invalid,
	describedBy,
	className,
}: {
	id: string;
	name: string;
	defaultValue?: string;
	invalid?: boolean;
	describedBy?: string;
	className?: string;
}) {
	const { t } = useTranslation();
	const times = defaultValue && !quarterHours.includes(defaultValue) ? [...quarterHours, defaultValue].sort() : quarterHours;
	return (
		<Select
			id={id}
			name={name}
			defaultValue={defaultValue ?? ""}
			aria-invalid={invalid || undefined}
			aria-describedby={describedBy}
			className={className}
			options={[{ value: "", label: t("coaching.availability.noTime") }, ...times.map((time) => ({ value: time, label: time }))]}
		/>
	);
}

/** The outcome of one form of the availability page: its errors by field, what was typed, whether it is being sent. */
export function useAvailabilityForm(outcome: AvailabilityOutcome | undefined, intent: AvailabilityIntent) {
	const { t } = useTranslation();
	const navigation = useNavigation();
	const mine = outcome?.intent === intent ? outcome : undefined;
	return {
		error: (name: string) => {
			const key = mine?.errors.fields?.[name];
			return key ? t(key, mine?.errors.params ?? {}) : null;
		},
		formError: mine?.errors.formError ?? null,
		formParams: mine?.errors.params,
		values: mine?.values,
		busy: navigation.state !== "idle" && navigation.formData?.get("intent") === intent,
	};
}
