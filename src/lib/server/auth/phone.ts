// Indonesian mobile numbers as people type them: "0812-3456-7890", "+62 812 3456 7890",
// "6281234567890". Stored and compared in one form, 628…, so one person is one account.

/** Returns the number as 628… (10–15 digits in all), or null when it is not an Indonesian mobile number. */
export function normalisePhone(input: string): string | null {
	const compact = input.trim().replace(/[\s\-.()]/g, '');
	let rest: string;
	if (compact.startsWith('+62')) rest = compact.slice(3);
	else if (compact.startsWith('62')) rest = compact.slice(2);
	else if (compact.startsWith('0')) rest = compact.slice(1);
	else return null;
	// Mobile numbers start with 8 after the country code: 8xx plus 7–10 more digits.
	if (!/^8\d{8,11}$/.test(rest)) return null;
	return `62${rest}`;
}

/** "0812-3456-7890" for showing a stored 628… number back to its owner. */
export function displayPhone(normalised: string): string {
	const local = `0${normalised.slice(2)}`;
	return local.replace(/^(\d{4})(\d{4})(\d+)$/, '$1-$2-$3');
}
