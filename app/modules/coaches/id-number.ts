/**
 * Mainland resident ID numbers (GB 11643-1999): 17 digits and a check character (0–9 or X)
 * computed over them, with the date of birth at positions 7–14.
 */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkCharacters = "10X98765432";

export function idNumberCheckCharacter(first17: string): string {
	const sum = [...first17].reduce((total, digit, index) => total + Number(digit) * (weights[index] ?? 0), 0);
	return checkCharacters[sum % 11] as string;
}

export function isValidIdNumber(value: string, today = new Date()): boolean {
	if (!/^\d{17}[\dX]$/.test(value)) return false;
	const year = Number(value.slice(6, 10));
	const month = Number(value.slice(10, 12));
	const day = Number(value.slice(12, 14));
	const birth = new Date(Date.UTC(year, month - 1, day));
	if (year < 1900 || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day || birth > today) return false;
	return idNumberCheckCharacter(value.slice(0, 17)) === value[17];
}

/** What the owner sees of their saved number: the region and the check character only. */
export function maskIdNumber(value: string): string {
	return `${value.slice(0, 3)}***********${value.slice(-4)}`;
}
