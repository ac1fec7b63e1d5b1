// EPMM v1 alerts (catalogue E37-E42): list all, by phone, by user, by user and phone; mark one or many read or
// unread. Quirk reproduced: `isActive` is inverted (true = UNREAD), while the `isRead` parameter is not.
import type { SimAlert } from '../fleet/alerts.js';
import type { SimAdmin, World } from '../fleet/types.js';
import { ParamError } from '../http/params.js';
import type { RequestContext, RouteDefinition } from '../http/route.js';
import {
  v1Body,
  v1Date,
  v1Error,
  v1ErrorBodyFor,
  v1List,
  v1Messages,
  V1_ROLES,
  V1_ROOT,
  type V1Object,
} from '../v1/json.js';
import { v1All, v1Boolean, v1RequiredBoolean, v1RequiredText } from '../v1/params.js';
import { v1Phone, v1Scope } from '../v1/scope.js';

const ROOT = V1_ROOT.alerts;
const COMMENTS_MAX = 255;
const IS_READ = {
  type: 'boolean',
  description: 'true: only alerts marked read; false: only unread; absent: all.',
} as const;
/**
 * Both are required, but the document spells `Comments` and `comments`: the handlers read either spelling (v1
 * parameter names are matched case-insensitively), so the router, which matches exact names, must not insist.
 */
const UPDATE_QUERY = {
  isRead: { type: 'boolean', description: 'Required. true marks the alert(s) read, false unread.' },
  comments: {
    type: 'string',
    maxLength: COMMENTS_MAX,
    description: 'Required. Free-form comment, at most 255 characters (also accepted as `Comments`).',
  },
} as const;
const LIST_RESPONSE = {
  status: 200,
  contentType: 'application/json',
  description:
    '`alertWebServiceResponse` with `messages` ("N alert(s) returned") and `alerts.alert` (an object when there is one). 404 when nothing matches.',
} as const;

/** `<alert id>` is an attribute in E37 and a child `<id>` in E38-E40; both become the key `id` in JSON. */
function alertRecord(alert: SimAlert): V1Object {
  return {
    id: alert.id,
    deviceUuid: alert.deviceUuid,
    dispatchDeviceUuid: alert.deviceUuid,
    userUuid: alert.userUuid,
    labelId: alert.labelId,
    eventSubscriptionName: alert.eventSubscriptionName,
    alertDate: v1Date(alert.alertDate),
    alertText: alert.alertText,
    isActive: alert.isActive,
    retries: alert.retries,
    updateBy: alert.updateBy,
    updatedAt: v1Date(alert.updatedAt),
    userName: alert.userName,
    alertDefnName: alert.type,
    severity: alert.severity,
    transport: alert.transport,
    status: alert.status,
    isAlertRead: alert.isAlertRead,
  };
}

/** Alerts about devices outside the admin's spaces are invisible, like the devices themselves. */
function alertVisibility(world: World, admin: SimAdmin): (alert: SimAlert) => boolean {
  const inScope = v1Scope(world, admin);
  return (alert) => {
    const device = world.devicesByUuid.get(alert.deviceUuid);
    return device !== undefined && inScope(device);
  };
}

function visibleAlerts(world: World, admin: SimAdmin, keep: (alert: SimAlert) => boolean): SimAlert[] {
  const visible = alertVisibility(world, admin);
  return world.alerts.filter((alert) => keep(alert) && visible(alert));
}

function phoneMatches(world: World, alert: SimAlert, phone: string): boolean {
  const device = world.devicesByUuid.get(alert.deviceUuid);
  if (!device) return false;
  const digits = v1Phone(device);
  // The document's own examples mix numbers with and without the country code (6505551212, 16505551212).
  return digits !== undefined && (digits === phone || digits.endsWith(phone) || phone.endsWith(digits));
}

function listResponse(ctx: RequestContext, keep: (alert: SimAlert) => boolean) {
  const isRead = v1Boolean(ctx.rawQuery, 'isRead');
  // isRead=true selects isActive=false: the inverted flag.
  const alerts = visibleAlerts(
    ctx.world,
    ctx.admin,
    (alert) => keep(alert) && (isRead === undefined || alert.isActive === !isRead),
  );
  if (alerts.length === 0) throw v1Error(ROOT, 404, 'No alerts found.');
  return {
    status: 200,
    body: v1Body(ROOT, {
      messages: v1Messages(`${alerts.length} alert(s) returned`),
      alerts: v1List('alert', alerts.map(alertRecord)),
    }),
  };
}

function readPhone(text: string): string {
  const digits = text.trim();
  if (!/^\d{3,20}$/.test(digits))
    throw new ParamError('phoneNumber', 'phoneNumber: digits only, without country code or separators.');
  return digits;
}

/** Marks an alert read or unread; the comment is stored but no v1 read returns it. */
function update(alert: SimAlert, isRead: boolean, comments: string, admin: SimAdmin, now: number): void {
  alert.isActive = !isRead;
  alert.comments = comments;
  alert.updateBy = admin.name;
  alert.updatedAt = now;
}

function updateParams(ctx: RequestContext): { isRead: boolean; comments: string } {
  return {
    isRead: v1RequiredBoolean(ctx.rawQuery, 'isRead'),
    comments: v1RequiredText(ctx.rawQuery, 'comments', COMMENTS_MAX),
  };
}

const common = { roles: V1_ROLES, errorBody: v1ErrorBodyFor(ROOT) };

export const epmmV1AlertRoutes: RouteDefinition[] = [
  {
    ...common,
    method: 'GET',
    path: '/api/v1/alerts',
    summary: 'Get all alerts (E37)',
    catalogueIds: ['E37'],
    query: { isRead: IS_READ },
    response: LIST_RESPONSE,
    handle: (ctx) => listResponse(ctx, () => true),
  },
  {
    ...common,
    method: 'GET',
    path: '/api/v1/alerts/phones/:phoneNumber',
    summary: 'Get all alerts for a phone number (E38)',
    catalogueIds: ['E38'],
    query: { isRead: IS_READ },
    response: LIST_RESPONSE,
    handle(ctx) {
      const phone = readPhone(ctx.params.phoneNumber);
      return listResponse(ctx, (alert) => phoneMatches(ctx.world, alert, phone));
    },
  },
  {
    ...common,
    method: 'GET',
    path: '/api/v1/alerts/users/:userName',
    summary: 'Get all alerts for a user, on all their devices (E39)',
    catalogueIds: ['E39'],
    query: { isRead: IS_READ },
    response: LIST_RESPONSE,
    handle(ctx) {
      const name = ctx.params.userName.toLowerCase();
      return listResponse(ctx, (alert) => alert.userName.toLowerCase() === name);
    },
  },
  {
    ...common,
    method: 'GET',
    path: '/api/v1/alerts/users/:userName/phones/:phoneNumber',
    summary: 'Get all alerts for a phone number of a user (E40)',
    catalogueIds: ['E40'],
    query: { isRead: IS_READ },
    response: LIST_RESPONSE,
    handle(ctx) {
      const name = ctx.params.userName.toLowerCase();
      const phone = readPhone(ctx.params.phoneNumber);
      return listResponse(
        ctx,
        (alert) => alert.userName.toLowerCase() === name && phoneMatches(ctx.world, alert, phone),
      );
    },
  },
  {
    ...common,
    method: 'PUT',
    path: '/api/v1/alerts/:id',
    summary: 'Mark one alert read or unread, with a comment (E41)',
    catalogueIds: ['E41'],
    query: UPDATE_QUERY,
    response: {
      status: 200,
      contentType: 'application/json',
      description: '`messages.message`: "Updated alert <id> successfully". 404 for an unknown or invisible alert.',
    },
    handle(ctx) {
      const { isRead, comments } = updateParams(ctx);
      const id = Number(ctx.params.id);
      const alert = Number.isInteger(id) ? ctx.world.alertsById.get(id) : undefined;
      if (!alert || !alertVisibility(ctx.world, ctx.admin)(alert)) {
        throw v1Error(ROOT, 404, `No alert found with id: ${ctx.params.id}`);
      }
      update(alert, isRead, comments, ctx.admin, ctx.now);
      return { status: 200, body: v1Body(ROOT, { messages: v1Messages(`Updated alert ${alert.id} successfully`) }) };
    },
  },
  {
    ...common,
    method: 'PUT',
    path: '/api/v1/alerts',
    summary: 'Mark a list of alerts read or unread, with a comment (E42)',
    catalogueIds: ['E42'],
    query: {
      ...UPDATE_QUERY,
      id: {
        type: 'string',
        required: true,
        description: 'Alert id; repeat the parameter for each alert (`id=1&id=2`).',
      },
    },
    response: {
      status: 200,
      contentType: 'application/json',
      description:
        '`messages.message`: " Updated N alert(s) successfully" (leading space as documented). Unknown ids are skipped; 404 when none is known.',
    },
    handle(ctx) {
      const ids = v1All(ctx.rawQuery, 'id');
      if (ids.length === 0) throw new ParamError('id', 'id: Required parameter is missing.');
      const bad = ids.find((id) => !/^\d{1,18}$/.test(id.trim()));
      if (bad !== undefined) throw new ParamError('id', `id: '${bad}' is not a number.`);
      const { isRead, comments } = updateParams(ctx);
      const wanted = new Set(ids.map((id) => Number(id)));
      const visible = alertVisibility(ctx.world, ctx.admin);
      // Unknown and invisible ids are skipped, as the bulk device calls skip invalid uuids.
      const targets = [...wanted]
        .map((id) => ctx.world.alertsById.get(id))
        .filter((alert): alert is SimAlert => alert !== undefined && visible(alert));
      if (targets.length === 0) throw v1Error(ROOT, 404, 'No alerts found.');
      for (const alert of targets) update(alert, isRead, comments, ctx.admin, ctx.now);
      return {
        status: 200,
        body: v1Body(ROOT, { messages: v1Messages(` Updated ${targets.length} alert(s) successfully`) }),
      };
    },
  },
];
