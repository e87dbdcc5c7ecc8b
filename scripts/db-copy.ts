// `npm run db:copy -- --from ./data/despro.db --to postgres://user:pass@host:5432/despro`
// Moves an install to PostgreSQL: migrates the target, refuses one that already holds data, copies
// every table of the SQLite file and of its sign-in file (despro-auth.db) in one transaction,
// moves the id sequences past the copied ids, checks the row counts and prints them per table.
// Exit codes: 0 copied; 1 refused or failed (the target keeps no rows); 2 a wrong command.
import { isPostgresUrl } from '../src/lib/server/db/postgres';
import { CopyError, copySqliteToPostgres, formatCopyTable } from '../src/lib/server/db/copy-to-postgres';

const USAGE = 'Pakai / usage: npm run db:copy -- --from ./data/despro.db --to postgres://pengguna:sandi@localhost:5432/despro';

function arg(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

const from = arg('from');
const to = arg('to');
if (!from || !to) {
	console.error(`Sebutkan --from dan --to. / Give --from and --to.\n${USAGE}`);
	process.exit(2);
}
if (!isPostgresUrl(to)) {
	console.error(`--to harus alamat postgres://…, bukan "${to}". / --to must be a postgres:// address.\n${USAGE}`);
	process.exit(2);
}

const shown = to.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
console.log(`Menyalin ${from} ke ${shown} …`);
// Progress for big tables only: a line every 10% (every batch on a terminal).
const BIG = 100_000;
let lastTable = '';
let lastPct = -1;
try {
	const result = await copySqliteToPostgres({
		from,
		to,
		onProgress({ table, done, total }) {
			if (total < BIG) return;
			if (table !== lastTable) {
				lastTable = table;
				lastPct = -1;
			}
			const pct = Math.floor((done / total) * 100);
			if (process.stdout.isTTY) {
				process.stdout.write(`\r  ${table}: ${done.toLocaleString('id-ID')} / ${total.toLocaleString('id-ID')} (${pct}%)`);
				if (done === total) process.stdout.write('\n');
			} else if (pct >= lastPct + 10 || done === total) {
				console.log(`  ${table}: ${done.toLocaleString('id-ID')} / ${total.toLocaleString('id-ID')} (${pct}%)`);
				lastPct = pct;
			}
		}
	});
	console.log(formatCopyTable(result));
	console.log(`Selesai: jumlah baris sama di kedua basis data. / Done: row counts match on both databases.`);
} catch (e) {
	if (process.stdout.isTTY) process.stdout.write('\n');
	if (e instanceof CopyError) console.error(e.message);
	else console.error(`Penyalinan gagal, basis data tujuan tidak berisi data. / The copy failed; the target holds no rows.\n${(e as Error).stack ?? e}`);
	process.exit(1);
}
