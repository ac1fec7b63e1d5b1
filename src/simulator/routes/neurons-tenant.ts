// `GET /api/v1/metadata/tenant`, "the GET Tenant call" the documents name as the source of `dmPartitionId` without
// describing it. The simulator's reading (docs/decisions.md, Neurons tenant metadata): the tenant and the
// partitions the calling admin holds, scoped exactly as the partition list beside it.
import type { RouteDefinition } from '../http/route.js';
import { neuronsErrorBody, ok, tenantAdmin, TENANT_ADMIN } from '../neurons/respond.js';
import { neuronsWorld } from '../neurons/world.js';

/** The simulated tenant; the documents give no tenant id or name. */
export const SIM_TENANT = {
  id: 1001,
  name: 'mdmgraph simulated tenant',
  guid: '5b0c1e8a-3c4f-4f0e-9a51-2f1d7e6c0b11',
} as const;

export const neuronsTenantRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/neurons/api/v1/metadata/tenant',
    summary: 'The tenant and the device partitions the admin holds ("the GET Tenant call": where dmPartitionId is)',
    // Named by NG09-NG13 ("You can get this with the GET /api/v1/metadata/tenant call") but not described there.
    catalogueIds: [],
    roles: [...TENANT_ADMIN],
    errorBody: neuronsErrorBody,
    response: {
      status: 200,
      contentType: 'application/json',
      description: '{errors, result: {id, name, guid, defaultDmPartitionId, dmPartitions: [{id, name, …}]}}',
    },
    handle({ world, admin }) {
      const neurons = neuronsWorld(world);
      const { partitionIds } = tenantAdmin(neurons, admin);
      const held = neurons.partitions.filter((partition) => partitionIds.includes(partition.id));
      return ok({
        ...SIM_TENANT,
        // Only a partition the admin holds: an id they could not use would be no answer to "which dmPartitionId".
        defaultDmPartitionId: held.find((partition) => partition.defaultPartition)?.id ?? null,
        dmPartitions: held.map((partition) => ({
          id: partition.id,
          name: partition.name,
          description: partition.description,
          defaultPartition: partition.defaultPartition,
          priority: partition.priority,
        })),
      });
    },
  },
];
