// One byte range of a CSV file, read with the fast reader and staged (stage.ts): the work of one
// staging thread (stage-worker.ts), or of the importing thread itself for a small file. A range
// starts where a record starts (the byte after a line end the caller chose); it ends where the
// record that crosses its end ends, so that the next range knows where it truly starts
// (`endByte`): a line end inside a quoted field is found out here, not guessed.
import { closeSync, openSync, readSync } from 'node:fs';
import { FastCsvUnsupported, MAX_FAST_RECORD_CHARS, parseCsvRecords, type FastCsvOptions } from './readers/csv-fast';
import { RowStager, StageWriter, type StageConfig, type StageCounts } from './stage';

export interface RangeJob {
	config: StageConfig;
	stagePath: string;
	/** Added to each row's line (within the range) to make its seq. */
	seqBase: number;
	csv: FastCsvOptions;
	/** The file, or the upload's bytes (shared, not copied, between threads). */
	path?: string;
	bytes?: Uint8Array;
	totalBytes: number;
	start: number;
	/** Where the next range starts (its first record), or totalBytes. */
	end: number;
	progressEveryMs?: number;
}

export interface RangeResult extends StageCounts {
	/** Lines this range covered (its first line is line 1 of the range). */
	lines: number;
	/** Just past the last record this range staged: where the next range must start. */
	endByte: number;
}

const BLOCK = 1 << 20;

export function stageCsvRange(job: RangeJob, onProgress?: (rows: number, bytes: number) => void): RangeResult {
	const fd = job.path ? openSync(job.path, 'r') : null;
	const read = (pos: number, len: number): Uint8Array => {
		if (!fd) return job.bytes!.subarray(pos, pos + len);
		const buf = Buffer.allocUnsafe(len);
		const n = readSync(fd, buf, 0, len, pos);
		return buf.subarray(0, n);
	};
	const writer = new StageWriter(job.stagePath);
	try {
		const stager = new RowStager(job.config, writer, job.seqBase);
		const onRecord = (values: string[], line: number) => stager.row(values, line);
		const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
		const every = job.progressEveryMs ?? 100;
		let last = performance.now();
		let carry = '';
		let line = 1;
		let pos = job.start;
		const final = job.end >= job.totalBytes;
		while (pos < job.end) {
			const chunk = read(pos, Math.min(BLOCK, job.end - pos));
			if (chunk.length === 0) break;
			pos += chunk.length;
			const text = carry + decoder.decode(chunk, { stream: true });
			const done = parseCsvRecords(text, 0, line, job.csv, false, onRecord);
			carry = text.slice(done.pos);
			line = done.line;
			if (carry.length > MAX_FAST_RECORD_CHARS) throw new FastCsvUnsupported('a very long record');
			if (onProgress && performance.now() - last >= every) {
				last = performance.now();
				onProgress(stager.rows, pos - job.start);
			}
		}
		let endByte = pos;
		const tail = carry + decoder.decode();
		if (final) {
			line = parseCsvRecords(tail, 0, line, job.csv, true, onRecord).line;
		} else if (tail !== '') {
			// The range ended inside a record (a quoted field with a line end): finish that record
			// from the bytes after the range, and tell the caller where the next range really starts.
			const more = new TextDecoder('utf-8', { ignoreBOM: true });
			let text = tail;
			let at = job.end;
			for (;;) {
				const chunk = read(at, BLOCK);
				at += chunk.length;
				const last = at >= job.totalBytes || chunk.length === 0;
				const added = more.decode(chunk, { stream: !last });
				// The bytes taken are counted from the decoded text: a replaced invalid byte would miscount.
				if (added.includes('\uFFFD')) throw new FastCsvUnsupported('invalid UTF-8 after a range boundary');
				text += added;
				let staged = 0;
				const done = parseCsvRecords(text, 0, line, job.csv, last, (values, l) => {
					staged++;
					onRecord(values, l);
				}, 1);
				if (staged > 0 || last) {
					line = done.line;
					// Bytes of the finished record taken from after the range: what was decoded up to its end.
					const takenChars = Math.max(0, done.pos - tail.length);
					endByte = job.end + Buffer.byteLength(text.slice(tail.length, tail.length + takenChars));
					break;
				}
				if (text.length > MAX_FAST_RECORD_CHARS) throw new FastCsvUnsupported('a very long record');
			}
		}
		writer.finish();
		onProgress?.(stager.rows, endByte - job.start);
		return { ...stager.counts(), lines: line - 1, endByte };
	} catch (e) {
		writer.abandon();
		throw e;
	} finally {
		if (fd !== null) closeSync(fd);
	}
}
