// Short Indonesian month names for chart axes ("Jan", "Feb", … "Des").
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];

/** 'YYYY-MM' or 'YYYY-MM-DD' → 'Mar'. */
export function formatMonthShort(iso: string): string {
	return MONTHS[Number(iso.slice(5, 7)) - 1] ?? iso;
}

/** 'YYYY-MM-DD' → '20 Mar'. */
export function formatDayMonth(iso: string): string {
	return `${Number(iso.slice(8, 10))} ${formatMonthShort(iso)}`;
}
