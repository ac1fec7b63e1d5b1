// EPMM v1 reference lists (catalogue E22-E24): all labels, operators and countries, in one call each.
import type { SimLabel } from '../fleet/types.js';
import type { RouteDefinition } from '../http/route.js';
import { deviceHasLabel } from '../labels.js';
import { v1List, v1Messages } from '../v1/json.js';
import { V1_COUNTRIES, V1_OPERATORS } from '../v1/reference.js';
import { DM_ROUTE, dmOk, dmResponse } from '../v1/respond.js';
import { v1Scope } from '../v1/scope.js';

/** The criteria of the computed labels, in the E22 sample's query syntax. */
const BUILT_IN_QUERY: Readonly<Record<string, string>> = {
  'All-Smartphones': '("common.platform"="iOS" OR "common.platform"="Android") AND "common.retired"=false',
};

/** 't' and 'f' as character codes, the form E22's `isEsSearch` and E24's `enabledForRegistration` take. */
const TRUE_CODE = 116;
const FALSE_CODE = 102;

export const epmmV1ReferenceRoutes: RouteDefinition[] = [
  {
    ...DM_ROUTE,
    method: 'GET',
    path: '/api/v1/dm/labels',
    summary: 'Get all labels, in use or not (E22)',
    catalogueIds: ['E22'],
    response: dmResponse(
      '`labels.label { id, name, description, staticLabel, query, deviceCount, isEsSearch }`; negative ids are system labels.',
    ),
    handle({ world, admin }) {
      const inScope = v1Scope(world, admin);
      const count = (label: SimLabel) =>
        world.devices.reduce((total, device) => total + (inScope(device) && deviceHasLabel(device, label) ? 1 : 0), 0);
      const labels = world.labels.map((label) => ({
        id: label.id,
        name: label.name,
        description: label.description,
        // Computed labels are dynamic (a query); the others are applied by hand, which is what "static" means.
        staticLabel: !label.builtIn,
        query: BUILT_IN_QUERY[label.name] ?? '',
        deviceCount: count(label),
        isEsSearch: TRUE_CODE,
      }));
      return dmOk({ messages: v1Messages(`${labels.length} Label (s) returned`), labels: v1List('label', labels) });
    },
  },
  {
    ...DM_ROUTE,
    method: 'GET',
    path: '/api/v1/dm/operators',
    summary: 'List all operators, enabled or not (E23)',
    catalogueIds: ['E23'],
    response: dmResponse(
      '`operators.operator { carrierShortName, carrierType, countryCode, countryId, countryName, enabled, id }`.',
    ),
    handle() {
      const operators = V1_OPERATORS.map(({ id, ...rest }) => ({ ...rest, id }));
      return dmOk({
        messages: v1Messages(`${operators.length} Operator (s) returned`),
        operators: v1List('operator', operators),
      });
    },
  },
  {
    ...DM_ROUTE,
    method: 'GET',
    path: '/api/v1/dm/countries',
    summary: 'List the countries (E24)',
    catalogueIds: ['E24'],
    response: dmResponse(
      '`countries.country { countryName, countryCode, isoAlpha2Code, enabledForRegistration (116 t / 102 f) }`.',
    ),
    handle() {
      const countries = V1_COUNTRIES.map((country) => ({
        countryName: country.countryName,
        countryCode: country.countryCode,
        isoAlpha2Code: country.isoAlpha2Code,
        enabledForRegistration: country.enabledForRegistration ? TRUE_CODE : FALSE_CODE,
      }));
      return dmOk({
        messages: v1Messages(`${countries.length} Countries returned`),
        countries: v1List('country', countries),
      });
    },
  },
];
