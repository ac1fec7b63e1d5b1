// Mappers from EPMM v1 alerts and user accounts to gateway models, fed the document's own samples through the
// real v1 readers, and the AlertFilter split between what EPMM filters and what the gateway filters.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alertMatches, alertUpstreamRequest } from '../../src/models/alert-filter.js';
import type { AlertModel } from '../../src/models/alert.js';
import { epmmAlertToModel } from '../../src/models/epmm-alert.js';
import { epmmAccountToUser } from '../../src/models/epmm-user.js';
import { AlertsResponse, LdapSearchResponse, SmUserResponse } from '../../src/upstream/epmm/v1-admin-dto.js';
import { parseV1 } from '../../src/upstream/epmm/v1-json.js';

const sample = (file: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/documents/${file}`, import.meta.url), 'utf8'));

function alertSample(overrides: Record<string, unknown> = {}) {
  const body = sample('e37-alerts.json') as { alertWebServiceResponse: { alerts: { alert: Record<string, unknown> } } };
  Object.assign(body.alertWebServiceResponse.alerts.alert, overrides);
  return parseV1(AlertsResponse, body, 'alerts').alerts[0];
}

describe('epmmAlertToModel', () => {
  it('maps the E37 sample, reading `isActive` inverted (false = read) and ignoring the unused isAlertRead', () => {
    expect(epmmAlertToModel(alertSample())).toEqual({
      kind: 'Alert',
      alertId: 5,
      type: 'MEMORY_SIZE_EXCEEDED',
      severity: 'WARNING',
      status: 'DISPATCHED',
      transport: 'EMAIL',
      message:
        'WARNING::Memory size exceeded 1% for Phone #: 14085551212 (miadmin), Total Memory Size: 154.86MB, Free Memory Size: 133.59MB',
      createdAt: '2010-05-01T01:02:00.000Z',
      updatedAt: '2010-04-30T01:04:00.000Z',
      read: true,
      subscriptionName: 'm1',
      deviceUuid: '6482dce2-ea75-400a-9f2c-d67766d942cf',
      userPrincipal: 'miadmin',
      labelId: 163,
    });
    expect(epmmAlertToModel(alertSample({ isActive: true, isAlertRead: true })).read).toBe(false);
  });

  it('accepts the document line-wrapped constants and any case; unknown values become OTHER / UNKNOWN', () => {
    const wrapped = epmmAlertToModel(
      alertSample({
        alertDefnName: 'SIM_CHANGED_ ALERT',
        severity: 'critical',
        transport: 'apns',
        status: 'dispatch_failed',
      }),
    );
    expect(wrapped).toMatchObject({
      type: 'SIM_CHANGED',
      severity: 'CRITICAL',
      transport: 'APNS',
      status: 'DISPATCH_FAILED',
    });
    const unknown = epmmAlertToModel(
      alertSample({ alertDefnName: 'GEOFENCE_ALERT', severity: 'SEVERE', transport: 'PIGEON', status: 'LOST' }),
    );
    expect(unknown).toMatchObject({ type: 'OTHER', severity: 'UNKNOWN', transport: 'UNKNOWN', status: 'UNKNOWN' });
  });

  it('lower-cases the device uuid and keeps an unreadable date as null', () => {
    const model = epmmAlertToModel(
      alertSample({ deviceUuid: '6482DCE2-EA75-400A-9F2C-D67766D942CF', alertDate: 'yesterday' }),
    );
    expect(model.deviceUuid).toBe('6482dce2-ea75-400a-9f2c-d67766d942cf');
    expect(model.createdAt).toBeNull();
  });
});

describe('epmmAccountToUser', () => {
  it('maps the E34 sample: 76 is a local account, a blank last name is none', () => {
    expect(epmmAccountToUser(parseV1(SmUserResponse, sample('e34-find-user.json'), 'user').user)).toEqual({
      kind: 'User',
      source: 'EPMM',
      principal: 'miadmin',
      displayName: 'miadmin',
      email: 'miadmin@ivanti.com',
      firstName: 'miadmin',
      lastName: null,
      userSource: 'LOCAL',
    });
  });

  it('maps the E35 sample as LDAP users (68); an unknown code is no source', () => {
    const users = parseV1(LdapSearchResponse, sample('e35-ldap-search.json'), 'LDAP user search').users.map(
      epmmAccountToUser,
    );
    expect(users.map((user) => [user.principal, user.userSource])).toEqual([
      ['testuser0001', 'LDAP'],
      ['testuser0003', 'LDAP'],
    ]);
    expect(epmmAccountToUser({ principal: 'x', userSource: 88, roles: [] }).userSource).toBeNull();
  });
});

describe('AlertFilter', () => {
  const alert = (overrides: Partial<AlertModel>): AlertModel => ({
    kind: 'Alert',
    alertId: 1,
    type: 'SYSTEM',
    severity: 'INFORMATION',
    status: 'DISPATCHED',
    transport: 'EMAIL',
    message: 'm',
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: null,
    read: false,
    subscriptionName: null,
    deviceUuid: 'd',
    userPrincipal: 'jdoe',
    labelId: null,
    ...overrides,
  });

  it('asks EPMM for the narrowest list: user and phone (E40), user (E39), phone (E38), else all (E37)', () => {
    expect(alertUpstreamRequest({ userPrincipal: 'jdoe', phoneNumber: '+1 (650) 555-1212', read: false })).toEqual({
      userPrincipal: 'jdoe',
      phoneNumber: '16505551212',
      read: false,
    });
    expect(alertUpstreamRequest({ userPrincipal: ' jdoe ' })).toEqual({ userPrincipal: 'jdoe' });
    expect(alertUpstreamRequest({ severity: ['CRITICAL'] })).toEqual({});
    expect(alertUpstreamRequest(null)).toEqual({});
  });

  it('relationships share the unfiltered list except by phone, which only EPMM can match', () => {
    expect(alertUpstreamRequest({ userPrincipal: 'jdoe', read: true }, true)).toEqual({});
    expect(alertUpstreamRequest({ phoneNumber: '6505551212' }, true)).toEqual({ phoneNumber: '6505551212' });
  });

  it('refuses a phone number that is not digits', () => {
    expect(() => alertUpstreamRequest({ phoneNumber: '650/555' })).toThrow(/phoneNumber/);
    expect(() => alertUpstreamRequest({ phoneNumber: '12' })).toThrow(/phoneNumber/);
  });

  it('applies read, severity, type, user (any case) and an open date range in memory', () => {
    const matches = alertMatches({
      read: false,
      severity: ['INFORMATION'],
      type: ['SYSTEM'],
      userPrincipal: 'JDOE',
      createdAfter: '2026-11-01T09:00:00Z',
      createdBefore: '2026-11-01T11:00:00Z',
    });
    expect(matches(alert({}))).toBe(true);
    expect(matches(alert({ read: true }))).toBe(false);
    expect(matches(alert({ severity: 'CRITICAL' }))).toBe(false);
    expect(matches(alert({ type: 'SIM_CHANGED' }))).toBe(false);
    expect(matches(alert({ userPrincipal: 'other' }))).toBe(false);
    expect(matches(alert({ createdAt: '2026-11-01T09:00:00.000Z' }))).toBe(false);
    expect(matches(alert({ createdAt: '2026-11-01T11:00:00.000Z' }))).toBe(false);
    expect(matches(alert({ createdAt: null }))).toBe(false);
    expect(alertMatches(undefined)(alert({ createdAt: null }))).toBe(true);
  });
});
