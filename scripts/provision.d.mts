// Types of scripts/provision.mjs (plain JavaScript, so that `npm test` can run it before any TypeScript tool), for
// its unit test.
export interface Requirement {
  name: string;
  /** Found when this file is executable. */
  path?: string;
  /** Found when this command is on the PATH. */
  command?: string;
  aptPackage: string;
}

export const REQUIREMENTS: readonly Requirement[];

export interface MachineFacts {
  missing: readonly string[];
  uid: number;
  hasAptGet: boolean;
  passwordlessSudo: boolean;
}

export type ProvisionPlan =
  | { action: 'none' }
  | { action: 'install'; commands: string[][]; line: string }
  | { action: 'refuse'; line: string };

export function provisionPlan(facts: MachineFacts): ProvisionPlan;

export function missingPackages(found?: (requirement: Requirement) => boolean): string[];
