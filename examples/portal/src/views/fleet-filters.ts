// The fleet list's filters: the form, and what it asks the gateway for. Free text and the LOCKED / UNKNOWN statuses
// are EPMM searches (Neurons' filter language cannot say them, docs/decisions.md "Devices from two MDMs"): with
// "All MDMs" chosen they read EPMM's devices, and the screen says so instead of showing the gateway's refusal.
import { h } from '../dom.js';
import type { DeviceFilter, DeviceStatus, Platform, Source } from '../gql/graphql.js';
import { humanize, platformName } from './format.js';

export type Compliance = 'ANY' | 'COMPLIANT' | 'NON_COMPLIANT';

export interface FleetFilters {
  platform: Platform | '';
  status: DeviceStatus | '';
  compliance: Compliance;
  search: string;
  source: Source | 'ALL';
}

export const NO_FILTERS: FleetFilters = { platform: '', status: '', compliance: 'ANY', search: '', source: 'ALL' };

// `satisfies` makes tsc fail when the schema gains a value (after `npm run portal:codegen`), so no option is missed.
const PLATFORMS = Object.keys({ IOS: 1, ANDROID: 1, MACOS: 1, WINDOWS: 1, OTHER: 1 } satisfies Record<Platform, 1>);
const STATUSES = Object.keys({
  ACTIVE: 1,
  LOCKED: 1,
  PENDING: 1,
  RETIRE_PENDING: 1,
  RETIRED: 1,
  WIPED: 1,
  UNKNOWN: 1,
} satisfies Record<DeviceStatus, 1>);
const EPMM_ONLY_STATUSES: ReadonlySet<string> = new Set<DeviceStatus>(['LOCKED', 'UNKNOWN']);

export interface FleetQuery {
  filter: DeviceFilter;
  source: Source | null;
  /** Why the list reads one MDM although all were asked for. */
  narrowed?: string;
}

export function fleetQuery(filters: FleetFilters): FleetQuery {
  const search = filters.search.trim();
  const filter: DeviceFilter = {
    ...(filters.platform ? { platform: [filters.platform] } : {}),
    ...(filters.status ? { status: [filters.status] } : {}),
    ...(filters.compliance === 'ANY' ? {} : { compliant: filters.compliance === 'COMPLIANT' }),
    ...(search ? { search } : {}),
  };
  const epmmOnly = search !== '' || EPMM_ONLY_STATUSES.has(filters.status);
  if (filters.source === 'ALL' && epmmOnly)
    return {
      filter,
      source: 'EPMM',
      narrowed: 'Free text and the Locked and Unknown statuses search EPMM devices only.',
    };
  return { filter, source: filters.source === 'ALL' ? null : filters.source };
}

/** The filter form; `onApply` receives the new filters when it is submitted. */
export function filterForm(current: FleetFilters, onApply: (filters: FleetFilters) => void): HTMLFormElement {
  const option = (value: string, label: string, selected: string) =>
    h('option', { value, selected: value === selected }, label);
  const form = h(
    'form',
    { class: 'filters', role: 'search' },
    h(
      'label',
      {},
      'Search',
      h('input', { type: 'search', name: 'search', value: current.search, placeholder: 'name, model, user, serial' }),
    ),
    h(
      'label',
      {},
      'Platform',
      h(
        'select',
        { name: 'platform' },
        option('', 'Any', current.platform),
        PLATFORMS.map((platform) => option(platform, platformName(platform), current.platform)),
      ),
    ),
    h(
      'label',
      {},
      'Status',
      h(
        'select',
        { name: 'status' },
        option('', 'Any', current.status),
        STATUSES.map((status) => option(status, humanize(status), current.status)),
      ),
    ),
    h(
      'label',
      {},
      'Compliance',
      h(
        'select',
        { name: 'compliance' },
        option('ANY', 'Any', current.compliance),
        option('COMPLIANT', 'Compliant', current.compliance),
        option('NON_COMPLIANT', 'Not compliant', current.compliance),
      ),
    ),
    h(
      'label',
      {},
      'MDM',
      h(
        'select',
        { name: 'source' },
        option('ALL', 'All MDMs', current.source),
        option('EPMM', 'EPMM', current.source),
        option('NEURONS', 'Neurons', current.source),
      ),
    ),
    h('button', { type: 'submit' }, 'Apply'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const value = (name: string) => String(data.get(name) ?? '');
    onApply({
      search: value('search'),
      platform: value('platform') as FleetFilters['platform'],
      status: value('status') as FleetFilters['status'],
      compliance: value('compliance') as Compliance,
      source: value('source') as FleetFilters['source'],
    });
  });
  return form;
}
