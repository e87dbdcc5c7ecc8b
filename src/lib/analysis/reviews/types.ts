// Shared types of the review-analysis core (pure: no I/O, runs in the browser too).

export type Aspect =
	| 'kualitas'
	| 'kemasan'
	| 'pengiriman'
	| 'kesesuaian'
	| 'harga'
	| 'pelayanan'
	| 'ukuran'
	| 'rasa'
	| 'kedaluwarsa'
	| 'bahan'
	| 'warna'
	| 'pecah';

export type Polarity = 'positive' | 'negative' | 'neutral';

export interface ClauseAnalysis {
	/** The clause as the buyer wrote it (a slice of the original text, contrast word left out). */
	text: string;
	polarity: Polarity;
	score: number;
	aspects: Aspect[];
	/** The lexicon entries that decided the score, in standard form ("tidak sesuai", "bagus banget"). */
	words: string[];
}

export interface ReviewAnalysis {
	polarity: Polarity;
	score: number;
	clauses: ClauseAnalysis[];
	aspects: { aspect: Aspect; polarity: Polarity }[];
}
