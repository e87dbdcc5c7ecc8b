// Password hashing with argon2id (@node-rs/argon2: prebuilt native binaries, no compiler needed).
// The library's defaults follow OWASP's argon2id recommendation (19 MiB, t=2, p=1).
import { hash, verify } from '@node-rs/argon2';

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 200;

export function hashPassword(password: string): Promise<string> {
	return hash(password);
}

// Verified against when a phone number has no account, so a wrong number takes as long
// as a wrong password and timing does not reveal which numbers are registered.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
	if (password.length > MAX_PASSWORD_LENGTH) return false;
	if (!storedHash) {
		dummyHash ??= hash('tidak-ada-akun-dengan-nomor-ini');
		await verify(await dummyHash, password).catch(() => false);
		return false;
	}
	try {
		return await verify(storedHash, password);
	} catch {
		return false;
	}
}

/** An Indonesian message when a new password is not acceptable, else null. */
export function passwordProblem(password: string): string | null {
	if (password.length < MIN_PASSWORD_LENGTH) return `Kata sandi minimal ${MIN_PASSWORD_LENGTH} huruf atau angka.`;
	if (password.length > MAX_PASSWORD_LENGTH) return 'Kata sandi terlalu panjang.';
	return null;
}
