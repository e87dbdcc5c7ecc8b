// Dialect-specific SQL behind small functions, so a move to PostgreSQL replaces only this file.
// SQLite: FTS5 MATCH with bm25 ranking. PostgreSQL would use to_tsvector/websearch_to_tsquery.

/**
 * Turns free text into a safe FTS5 query: every word becomes a quoted term, so FTS operators,
 * quotes and parentheses typed by a user are searched for as text, never interpreted.
 * Returns null when nothing searchable is left.
 */
export function ftsQuery(text: string, mode: 'any' | 'all' = 'any', prefix = false): string | null {
	const words = text
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.split(/[^\p{L}\p{N}]+/u)
		.filter((w) => w.length >= 2)
		.slice(0, 12);
	if (words.length === 0) return null;
	const terms = [...new Set(words)].map((w) => `"${w}"${prefix && w.length >= 3 ? '*' : ''}`);
	return terms.join(mode === 'any' ? ' OR ' : ' ');
}
