// The JSON shape of every EPMM v1 response, in one place (docs/epmm-v1-json.md). The document shows only XML;
// this is the reading of it that the simulator serves and that the client's normaliser (src/upstream/epmm/v1-json.ts)
// accepts along with the other plausible readings. Everything v1 builds its bodies through these helpers, so a
// different reading of the XML can be tried by changing this file alone.
import type { AdminRole } from '../fleet/types.js';
import { SimHttpError } from '../http/errors.js';

/** The root element of each v1 service (catalogue §A2), kept as the single top-level JSON key. */
export const V1_ROOT = {
  dm: 'deviceManagementWebServiceResponse',
  /** Sic: the E30 root is misspelt in the document; E32 spells it correctly. */
  easList: 'easWebServiceReponse',
  eas: 'easWebServiceResponse',
  easDevice: 'easDevice',
  sm: 'securityManagementWebServiceResponse',
  alerts: 'alertWebServiceResponse',
  policies: 'policyWebServiceResponse',
  appSettings: 'appSettingsWebServiceResponse',
} as const;
export type V1Root = (typeof V1_ROOT)[keyof typeof V1_ROOT];

/**
 * Access to /api/v1 needs the "API" or the "Mobile App" role (Conventions, L316-333). The simulator's role model
 * has no separate "API" role, so MOBILE_APP stands for both.
 */
export const V1_ROLES: AdminRole[] = ['MOBILE_APP'];

export type V1Value = string | number | boolean | V1Object | V1Value[];
export interface V1Object {
  [key: string]: V1Value;
}

/** `<messages>`: empty → `{}`, one text → `{ message: "…" }`, several → `{ message: [...] }` (repeated element). */
export function v1Messages(...texts: string[]): V1Object {
  if (texts.length === 0) return {};
  return { message: texts.length === 1 ? texts[0] : texts };
}

/**
 * A repeated element inside its wrapper, `<devices><device/>…</devices>` → `{ device: [...] }`. As an XML→JSON
 * mapper that has no schema does, a single item is an object, not a one-element array; an empty wrapper is `{}`.
 * Clients must therefore read lists through the normaliser.
 */
export function v1List(itemKey: string, items: readonly V1Value[]): V1Object {
  if (items.length === 0) return {};
  return { [itemKey]: items.length === 1 ? items[0] : [...items] };
}

/** `<details>`/`<properties>`: `<entry><key/><value/></entry>` pairs; values are always strings; empty → "". */
export function v1Entries(entries: ReadonlyArray<readonly [string, string]>): V1Value {
  if (entries.length === 0) return '';
  return v1List(
    'entry',
    entries.map(([key, value]) => ({ key, value })),
  );
}

/** A complete body: `{ "<root>": { … } }`. */
export function v1Body(root: V1Root, content: V1Object): V1Object {
  return { [root]: content };
}

/** The error body: the root element with only `messages`, as the document describes failures ("a descriptive error message"). */
export function v1ErrorBody(root: V1Root, message: string): V1Object {
  return v1Body(root, { messages: v1Messages(message) });
}

/** For RouteDefinition.errorBody: the router's 400/401/403 answers in the v1 shape of that route's service. */
export function v1ErrorBodyFor(root: V1Root): (messageKey: string, message: string) => unknown {
  return (_key, message) => v1ErrorBody(root, message);
}

/** Throw from a handler to answer with a v1 error body. */
export function v1Error(root: V1Root, status: number, message: string): SimHttpError {
  return new SimHttpError(status, v1ErrorBody(root, message));
}

/** Dates as the v1 samples print them: ISO-8601 without milliseconds and with a `+00:00` offset. */
export function v1Date(iso: string | number): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}
