import type { ParamSpec } from '../http/route.js';

/** The query parameter (nearly) every v2 device call takes: the caller's device space, checked against theirs. */
export const ADMIN_SPACE: ParamSpec = {
  type: 'integer',
  required: true,
  min: 0,
  description: 'Device space ID of the administrator.',
};
