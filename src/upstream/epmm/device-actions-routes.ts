import type { UpstreamRoute } from '../route.js';

/** The allow-list of EPMM v2 device action, report and registration routes (catalogue V02-V05, V11-V25). */
export const EPMM_DEVICE_ACTION_ROUTES = {
  registerDevice: { method: 'POST', path: '/api/v2/users/register_device', idempotent: false },
  actOnDevices: { method: 'POST', path: '/api/v2/devices/action', idempotent: false },
  // A read sent as POST (the document's choice); repeating it is harmless.
  exportDevices: { method: 'POST', path: '/api/v2/devices', idempotent: true },
  deleteDevices: { method: 'DELETE', path: '/api/v2/devices', idempotent: false },
  simDetails: { method: 'GET', path: '/api/v2/devices/simdetails/:uuid', idempotent: true },
  activeSyncReport: { method: 'GET', path: '/api/v2/activesync/devicereport', idempotent: true },
  appCompliance: { method: 'GET', path: '/api/v2/devices/:uuid/appcompliance', idempotent: true },
  wakeUp: { method: 'PUT', path: '/api/v2/devices/wakeup', idempotent: false },
  sendMessage: { method: 'PUT', path: '/api/v2/devices/sendmessage', idempotent: false },
  applyLabels: { method: 'PUT', path: '/api/v2/devices/labels/:labelNames/add', idempotent: false },
  removeLabels: { method: 'PUT', path: '/api/v2/devices/labels/:labelNames/remove', idempotent: false },
  wipe: { method: 'PUT', path: '/api/v2/devices/wipe', idempotent: false },
  lock: { method: 'PUT', path: '/api/v2/devices/lock', idempotent: false },
  unlock: { method: 'PUT', path: '/api/v2/devices/unlock', idempotent: false },
  retire: { method: 'PUT', path: '/api/v2/devices/retire', idempotent: false },
  teamViewerAndroid: { method: 'POST', path: '/msa/v2/remote/create_teamviewer_session_android', idempotent: false },
  teamViewerIos: { method: 'POST', path: '/msa/v2/remote/create_teamviewer_session_ios', idempotent: false },
  checkCompliance: { method: 'PUT', path: '/api/v2/devices/checkcompliance', idempotent: false },
  ruleCompliance: { method: 'GET', path: '/api/v2/devices/:uuid/rulecompliance', idempotent: true },
  deviceLabels: { method: 'GET', path: '/api/v2/devices/:uuid/labels', idempotent: true },
} as const satisfies Record<string, UpstreamRoute>;
