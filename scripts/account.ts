// `npm run account -- create --role <peran> --phone <nomor HP> --name "<nama>" [...]`
// Makes an account in the database at DATABASE_URL (migrated first; never seeded): the first
// admin of a real install started with DEMO_DATA=off, or any other account. The password is
// typed at the terminal without echo (twice), or taken from ACCOUNT_PASSWORD when stdin is not
// a terminal (a script, a pipe). Exit 0: made; 1: refused (number taken, weak password, a
// linked record that does not fit); 2: the command itself is wrong.
import { DEFAULT_DATABASE_URL, migrateAny, openDatabase } from '../src/lib/server/db';
import { closeDatabase } from '../src/lib/server/db/connection';
import { roles } from '../src/lib/server/db/schema';
import type { Role } from '../src/lib/server/auth/actor';
import { displayPhone } from '../src/lib/server/auth/phone';
import { AccountError, createStandaloneAccount, LinkError, type StandaloneAccount } from '../src/lib/server/auth/accounts';

const USAGE = `Pemakaian:
  npm run account -- create --role <admin|agen|koperasi|produsen> --phone <nomor HP> --name "<nama>" [pilihan]

Pilihan menurut peran:
  admin      berdiri sendiri
  agen       --agent-id <n>        akun untuk agen yang sudah ada (tanpa ini: agen baru dengan nama itu)
  koperasi   --cooperative-id <n>  akun untuk koperasi yang sudah ada (tanpa ini: koperasi baru)
  produsen   --producer-id <n>     akun untuk produsen yang sudah ada (tanpa ini: produsen baru),
             --agent-id <n>        agen produsen baru, --village <kode desa> desanya

Kata sandi diketik di terminal (tidak tampil), atau dari ACCOUNT_PASSWORD jika bukan terminal.`;

function usageError(message: string): never {
	process.stderr.write(`${message}\n\n${USAGE}\n`);
	process.exit(2);
}

function refuse(message: string): never {
	process.stderr.write(`Akun tidak dibuat: ${message}\n`);
	process.exit(1);
}

function parseArgs(argv: string[]): StandaloneAccount & { password?: string } {
	const [command, ...rest] = argv;
	if (command === '--help' || command === '-h' || command === 'help') {
		console.log(USAGE);
		process.exit(0);
	}
	if (command !== 'create') usageError(command ? `Perintah tidak dikenal: ${command}` : 'Perintah belum disebut.');
	const values: Record<string, string> = {};
	const known = ['role', 'phone', 'name', 'producer-id', 'agent-id', 'cooperative-id', 'village'];
	for (let i = 0; i < rest.length; i++) {
		const a = rest[i];
		const m = /^--([a-z-]+)(?:=(.*))?$/s.exec(a);
		if (!m || !known.includes(m[1])) usageError(`Pilihan tidak dikenal: ${a}`);
		const value = m[2] ?? rest[++i];
		if (value === undefined || value.startsWith('--')) usageError(`Pilihan --${m[1]} butuh nilai.`);
		if (m[1] in values) usageError(`Pilihan --${m[1]} disebut dua kali.`);
		values[m[1]] = value;
	}
	const role = values.role;
	if (!role) usageError('Sebutkan --role (admin, agen, koperasi atau produsen).');
	if (!(roles as readonly string[]).includes(role)) usageError(`Peran "${role}" tidak dikenal. Pakai admin, agen, koperasi atau produsen.`);
	if (!values.phone) usageError('Sebutkan --phone, misalnya --phone 0812-3456-7890.');
	if (!values.name?.trim()) usageError('Sebutkan --name, misalnya --name "Admin Kabupaten".');
	const id = (option: string): number | undefined => {
		const raw = values[option];
		if (raw === undefined) return undefined;
		if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1) usageError(`--${option} harus nomor urut (angka bulat), bukan "${raw}".`);
		return Number(raw);
	};
	return {
		role: role as Role,
		phone: values.phone,
		name: values.name,
		password: '',
		producerId: id('producer-id'),
		agentId: id('agent-id'),
		cooperativeId: id('cooperative-id'),
		villageCode: values.village
	};
}

/** A line typed at the terminal without showing it (raw mode: each key arrives as it is pressed). */
function askHidden(prompt: string): Promise<string> {
	return new Promise((resolve) => {
		const stdin = process.stdin;
		process.stderr.write(prompt);
		stdin.setRawMode(true);
		stdin.setEncoding('utf8');
		stdin.resume();
		let value = '';
		const finish = () => {
			stdin.off('data', onData);
			stdin.setRawMode(false);
			stdin.pause();
			process.stderr.write('\n');
			resolve(value);
		};
		const onData = (chunk: string) => {
			for (const ch of chunk) {
				if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish();
				if (ch === '\u0003') {
					stdin.setRawMode(false);
					process.stderr.write('\nDibatalkan.\n');
					process.exit(130);
				}
				if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
				else if (ch >= ' ') value += ch;
			}
		};
		stdin.on('data', onData);
	});
}

async function readPassword(): Promise<string> {
	if (process.stdin.isTTY) {
		const first = await askHidden('Kata sandi baru: ');
		const again = await askHidden('Ulangi kata sandi: ');
		if (first !== again) refuse('kedua kata sandi tidak sama. Ulangi perintahnya.');
		return first;
	}
	const fromEnv = process.env.ACCOUNT_PASSWORD;
	if (fromEnv === undefined) usageError('Kata sandi tidak bisa diketik di sini (bukan terminal). Berikan lewat ACCOUNT_PASSWORD.');
	return fromEnv;
}

const input = parseArgs(process.argv.slice(2));
input.password = await readPassword();

const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
const db = openDatabase(url);
await migrateAny(db);
try {
	const made = await createStandaloneAccount(db, input);
	const link = made.linked ? ` (${{ producers: 'produsen', agents: 'agen', cooperatives: 'koperasi' }[made.linked.table]} #${made.linked.id}${made.linked.created ? ', baru' : ''})` : '';
	console.log(`Akun ${made.role} dibuat: ${displayPhone(made.phone)}${link}. Masuk di /masuk dengan nomor ini.`);
} catch (e) {
	if (e instanceof AccountError || e instanceof LinkError) refuse(e.message);
	throw e;
} finally {
	closeDatabase(db);
}
