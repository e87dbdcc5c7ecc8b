// The small part of autocannon's API bench/load.ts uses (the package ships no types).
declare module 'autocannon' {
	interface Histogram {
		average: number;
		total: number;
		p50: number;
		p90: number;
		p99: number;
		max: number;
	}
	export interface Result {
		requests: Histogram;
		latency: Histogram;
		throughput: Histogram;
		errors: number;
		timeouts: number;
		non2xx: number;
		statusCodeStats?: Record<string, { count: number }>;
	}
	interface RequestParams {
		method?: string;
		path?: string;
		headers?: Record<string, string>;
		body?: string;
	}
	interface Options {
		url: string;
		connections?: number;
		duration?: number;
		headers?: Record<string, string>;
		requests?: { setupRequest?: (req: RequestParams) => RequestParams }[];
	}
	function autocannon(opts: Options, done: (err: Error | null, result: Result) => void): unknown;
	export default autocannon;
}
