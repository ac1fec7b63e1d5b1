// Types of scripts/build-portal.mjs (plain JavaScript, run by npm before any TypeScript tool), for the tests that
// build the portal before serving it.
export const PORTAL_OUT_DIR: string;
export function buildPortal(): Promise<void>;
export function isPortalStale(): boolean;
export function buildPortalIfNeeded(ifStale: boolean): Promise<void>;
