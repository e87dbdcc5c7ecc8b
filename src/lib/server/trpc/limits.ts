// How much one API request may ask for. Procedures run one after another on the server's one
// thread, so a batch of 200 calls (each a few ms to 50 ms) held every other request for seconds.

/** The most calls in one batch; the app's own client (src/lib/trpc.ts) sends at most this many. */
export const MAX_BATCH = 10;

/** A refused batch, shaped like a tRPC error so clients show the message. */
export function tooManyCalls(calls: number) {
	return {
		error: {
			message: `Terlalu banyak panggilan dalam satu permintaan (${calls}); paling banyak ${MAX_BATCH}. Kirim dalam beberapa permintaan.`,
			code: -32600,
			data: { code: 'BAD_REQUEST', httpStatus: 400 }
		}
	};
}
