import { useTranslation } from "react-i18next";
import { Select } from "~/ui/select";
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
