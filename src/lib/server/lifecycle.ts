// Shutdown, in one place. scripts/start.js (outside the built app) stops taking requests on
// SIGTERM, waits for the ones in flight, then calls the function published here under a global
// symbol; it runs what the app registered, in order: closing the database now, stopping the
// background writer once there is one (issue 12 item 1: register it here).
type Step = { name: string; run: () => void | Promise<void> };

const steps: Step[] = [];
const KEY = Symbol.for('despro.shutdown');

/** Adds a step to run at shutdown (after the last request); one of the same name is replaced in its place. */
export function registerShutdown(name: string, run: Step['run']): void {
	const at = steps.findIndex((s) => s.name === name);
	if (at >= 0) steps[at] = { name, run };
	else steps.push({ name, run });
	(globalThis as Record<symbol, unknown>)[KEY] = runShutdown;
}

/** Runs every step once, newest first; a failing step is logged and the rest still run. */
export async function runShutdown(): Promise<string[]> {
	const done: string[] = [];
	for (const step of steps.splice(0).reverse()) {
		try {
			await step.run();
			done.push(step.name);
		} catch (e) {
			console.error(`[shutdown] ${step.name}: ${(e as Error).message}`);
		}
	}
	return done;
}
