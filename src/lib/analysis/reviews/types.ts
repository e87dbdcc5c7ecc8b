// Shared types of the review-analysis core (pure: no I/O, runs in the browser too).

export type Aspect =
	| 'kualitas'
	| 'kemasan'
	| 'pengiriman'
	| 'kesesuaian'
	| 'harga'
	| 'pelayanan'
	| 'ukuran'
	// food and drink
	| 'rasa'
	| 'pedas'
	| 'kesegaran'
	| 'kedaluwarsa'
	| 'porsi'
	| 'bocor'
	// textiles and crafts
	| 'bahan'
	| 'warna'
	| 'jahitan'
	| 'anyaman'
	| 'kekuatan'
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
	/** 'neutral' means no opinion could be read ("tidak jelas"): it is not a guess either way. */
	polarity: Polarity;
	score: number;
	clauses: ClauseAnalysis[];
	aspects: { aspect: Aspect; polarity: Polarity }[];
}
