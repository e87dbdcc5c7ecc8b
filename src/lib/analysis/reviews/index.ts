// Public API of the review-analysis core: what buyers say, in Indonesian.
// Pure TypeScript, no I/O; runs on the server at import time and in the browser alike.
export type { Aspect, Polarity, ClauseAnalysis, ReviewAnalysis } from './types';
export { normalizeReview, tokenize, normalizeWord } from './normalize';
export { analyzeReview, POLARITY_THRESHOLD } from './analyze';
export { summarizeThemes, hasOpinion, quoteClause, trimQuote, aspectAllowed, ASPECT_LABELS, type Theme, type ThemeInput, type ThemeSummary } from './themes';
export { stemToKnown } from './stem';
