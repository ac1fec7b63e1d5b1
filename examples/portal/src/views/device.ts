// Screen 2: one device, by global id through `device(id:)`: what it is, its posture, user, labels, policies and why
// it is not compliant, with the device actions beneath. Once a real action has settled (a lock or unlock when the MDM
// shows it done or its deadline passes, a message at once) the details are read again, so the status the MDM now
// reports (LOCKED after a lock) shows.
import type { Client } from '@urql/core';
import { ask } from '../answers.js';
import { fill, h, type Child } from '../dom.js';
import type { PortalDevicePageQuery } from '../gql/graphql.js';
import { DevicePageQuery } from '../operations/device.js';
import { href } from '../router.js';
import { actionPanel } from './action-panel.js';
import { badge, complianceBadge, humanize, platformName, text, when, yesNo } from './format.js';
import { loading, problemList } from './problems.js';

type DeviceNode = NonNullable<PortalDevicePageQuery['device']>;

/** `signal` aborts when the screen is left: the action panel stops following its action. */
export function deviceScreen(client: Client, id: string, signal: AbortSignal): HTMLElement {
  const details = h('div', { class: 'device-details' });
  const screen = h(
    'section',
    { class: 'screen device' },
    h('p', {}, h('a', { href: href({ screen: 'fleet' }) }, '← Fleet')),
    details,
    h('h2', {}, 'Actions'),
    actionPanel(client, { targets: () => [id], onChanged: () => void load(), signal }),
  );

  let latest = 0;
  async function load(): Promise<void> {
    const mine = ++latest;
    if (!details.hasChildNodes()) fill(details, loading('the device'));
    const answer = await ask(client, DevicePageQuery, { id });
    if (mine !== latest) return;
    const device = answer.data?.device ?? undefined;
    fill(
      details,
      problemList(answer.problems),
      device
        ? deviceDetails(device)
        : !answer.problems.length && h('p', { class: 'empty' }, 'No such device is visible to you.'),
    );
  }

  void load();
  return screen;
}

function deviceDetails(device: DeviceNode): Child[] {
  return [
    h('h1', {}, device.displayName, ' ', badge(device.status)),
    h(
      'div',
      { class: 'cards' },
      card(
        'Device',
        facts([
          ['Platform', `${platformName(device.platform)} ${device.osVersion ?? ''}`.trim()],
          ['Model', [device.manufacturer, device.model].filter(Boolean).join(' ') || '—'],
          ['Status', badge(device.status)],
          ['Ownership', humanize(device.ownership)],
          ['Serial number', text(device.serialNumber)],
          ['Phone number', text(device.phoneNumber)],
          ['Device space', text(device.deviceSpaceName)],
          ['MDMs', device.sources.join(', ')],
          ['Registered', when(device.registeredAt)],
          ['Last check-in', when(device.lastCheckInAt)],
          ['UUID', device.uuid],
        ]),
      ),
      card(
        'User',
        device.user
          ? facts([
              ['Name', text(device.user.displayName)],
              ['Login', device.user.principal],
              ['E-mail', text(device.user.email)],
            ])
          : h('p', { class: 'empty' }, 'No user is registered to this device.'),
      ),
      card('Compliance', compliance(device)),
      card(
        'Posture',
        // Each is null when the device's MDM does not report it: shown as "unknown", never as "no".
        facts([
          ['Encrypted', yesNo(device.encrypted)],
          ['Supervised', yesNo(device.supervised)],
          ['Passcode compliant', yesNo(device.passcodeCompliant)],
          ['OS build', text(device.osBuild)],
          ['Security patch', text(device.securityPatchLevel)],
          ['Enrolment', text(device.enrollmentType)],
          ['Carrier', text(device.carrier)],
        ]),
      ),
      card(
        'Labels',
        names(device.labels, (label) => `${label.name}${label.static ? '' : ' (dynamic)'}`),
      ),
      card(
        'Policies',
        names(device.policies, (policy) => `${policy.name} · ${humanize(policy.type)} · ${humanize(policy.status)}`),
      ),
    ),
  ];
}

function compliance(device: DeviceNode): Child {
  // EPMM's decoded reasons where EPMM holds the device; otherwise the MDM's own words.
  const reasons = device.complianceState?.nonCompliance.map(humanize) ?? device.noncomplianceReasons.map(humanize);
  const quarantine = device.complianceState?.quarantine.map(humanize) ?? [];
  return [
    facts([
      ['Compliant', complianceBadge(device.compliant)],
      ['Quarantined', yesNo(device.quarantined)],
      ['Jailbroken or rooted', yesNo(device.compromised)],
    ]),
    reasons.length > 0 && h('h4', {}, 'Why not compliant'),
    reasons.length > 0 &&
      h(
        'ul',
        { class: 'reasons' },
        reasons.map((reason) => h('li', {}, reason)),
      ),
    quarantine.length > 0 && h('h4', {}, 'Why quarantined'),
    quarantine.length > 0 &&
      h(
        'ul',
        { class: 'reasons' },
        quarantine.map((reason) => h('li', {}, reason)),
      ),
  ];
}

function card(title: string, ...content: Child[]): HTMLElement {
  return h('section', { class: 'card', 'data-card': title }, h('h3', {}, title), ...content);
}

function facts(rows: ReadonlyArray<readonly [string, Child]>): HTMLElement {
  return h(
    'dl',
    { class: 'facts' },
    rows.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]),
  );
}

/** A list of names; null means the MDM does not serve the list for this device (a Neurons-only device). */
function names<T>(items: readonly T[] | null, name: (item: T) => string): HTMLElement {
  if (items === null) return h('p', { class: 'empty' }, 'Not served for this device’s MDM.');
  if (items.length === 0) return h('p', { class: 'empty' }, 'None.');
  return h(
    'ul',
    {},
    items.map((item) => h('li', {}, name(item))),
  );
}
