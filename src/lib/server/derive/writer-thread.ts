// Entry of the background writer's own thread (node:worker_threads). It opens its own
// connection to the database file and does every write the server itself starts and that
// takes long: uploads from /impor and the refresh of derived data after imports and edits.
// The request thread only reads and makes short writes (sessions, a price), so a long
// refresh or import never stops it from answering. Bundled to build/writer-thread.js by
// scripts/build-writer.js; started by derive/writer.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db';
import { closeDatabase, setLockWait } from '../db/connection';
import { WriterLoop } from './writer-loop';
import type { FromWriter, ToWriter } from './writer-protocol';

const port = parentPort;
if (!port) throw new Error('writer-thread.ts runs only as a worker thread');

const { databaseUrl } = workerData as { databaseUrl: string };
// The request thread migrated the database before starting this thread.
const db = openDatabase(databaseUrl);
// Waiting for a lock blocks only this thread: long waits are fine here (a CLI import may hold it).
setLockWait(db, 60_000);

const post = (message: FromWriter) => port.postMessage(message);
const loop = new WriterLoop(db, post);

const heartbeat = setInterval(() => post({ type: 'heartbeat', at: Date.now(), busy: loop.busy, queued: loop.queued }), 2000);

port.on('message', async (message: ToWriter) => {
	if (message.type === 'stop') {
		clearInterval(heartbeat);
		port.once('close', () => closeDatabase(db));
	}
	await loop.handle(message);
});
post({ type: 'ready' });
