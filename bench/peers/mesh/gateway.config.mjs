// Hive Gateway over the Mesh-composed supergraph (mesh.config.mjs). It forwards the caller's Basic credentials,
// adds a typed device page with user, labels and details (the OpenAPI's V01 search answers untyped JSON with
// dotted keys, so the mapping needs code, as any Mesh user would write it), and caches responses per caller
// (session = Authorization header, 30 s). The admin's device space is hard-coded (adminDeviceSpaceId 1, the
// simulator admin's). Started by bench/peer-gateways.ts as `hive-gateway supergraph <file>` with PORT set.
import { defineConfig } from '@graphql-hive/gateway';

const FIELDS = [
  'common.uuid',
  'common.model',
  'common.platform',
  'common.status',
  'common.os_version',
  'ios.DeviceName',
  'user.user_id',
  'user.display_name',
  'user.email_address',
];
const device = (r) => ({
  uuid: r['common.uuid'],
  name: r['ios.DeviceName'] ?? null,
  model: r['common.model'],
  platform: r['common.platform'],
  status: r['common.status'],
  osVersion: r['common.os_version'],
  principal: r['user.user_id'],
  user:
    r['user.user_id'] == null
      ? null
      : { principal: r['user.user_id'], displayName: r['user.display_name'], email: r['user.email_address'] },
});

export const gatewayConfig = defineConfig({
  supergraph: './supergraph.graphql',
  port: Number(process.env.PORT ?? 5330),
  host: '127.0.0.1',
  logging: 'error',
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') ?? '' }),
  },
  responseCaching:
    process.env.RESPONSE_CACHE === 'off'
      ? undefined
      : {
          session: (request) => request.headers.get('authorization'),
          ttl: 30_000,
        },
  additionalTypeDefs: /* GraphQL */ `
    type MeshUser { principal: String displayName: String email: String }
    type MeshDevice {
      uuid: String name: String model: String platform: String status: String osVersion: String principal: String
      user: MeshUser
      labels: [query_getApiV2DevicesUuidLabels_results_items]
      details: JSON
    }
    type MeshDevicePage { totalCount: Int nodes: [MeshDevice] }
    extend type Query {
      devices(limit: Int!, offset: Int): MeshDevicePage
      device(uuid: String!): MeshDevice
    }
  `,
  additionalResolvers: {
    Query: {
      async devices(root, args, context, info) {
        const page = await context.EPMM.Query.getApiV2Devices({
          root,
          context,
          info,
          args: { adminDeviceSpaceId: 1, query: '', fields: FIELDS, limit: args.limit, offset: args.offset ?? 0 },
        });
        return { totalCount: page.totalCount, nodes: page.results.map(device) };
      },
      async device(root, args, context, info) {
        const page = await context.EPMM.Query.getApiV2Devices({
          root,
          context,
          info,
          args: {
            adminDeviceSpaceId: 1,
            query: `"common.uuid" = ${JSON.stringify(args.uuid)}`,
            fields: FIELDS,
            limit: 1,
          },
        });
        return page.results[0] ? device(page.results[0]) : null;
      },
    },
    MeshDevice: {
      labels: {
        selectionSet: '{ uuid }',
        async resolve(parent, _args, context, info) {
          const answer = await context.EPMM.Query.getApiV2DevicesUuidLabels({
            root: parent,
            context,
            info,
            args: { uuid: parent.uuid, adminDeviceSpaceId: 1 },
            selectionSet: '{ results { id name description staticLabel } }',
          });
          return answer.results;
        },
      },
      details: {
        selectionSet: '{ uuid }',
        async resolve(parent, _args, context, info) {
          const answer = await context.EPMM.Query.getApiV2DevicesUuidDetails({
            root: parent,
            context,
            info,
            args: { uuid: parent.uuid, adminDeviceSpaceId: 1 },
          });
          return answer.results ?? answer;
        },
      },
    },
  },
});
