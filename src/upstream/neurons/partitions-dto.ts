// The answer of `GET /api/v1/metadata/tenant` ("the GET Tenant call"). The documents name it as the source of
// `dmPartitionId` without describing it: only the partition ids and names are read, everything else may be absent
// or different (docs/decisions.md, Neurons tenant metadata).
import { z } from 'zod';

export const TenantPartition = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  defaultPartition: z.boolean().optional(),
});
export type TenantPartition = z.infer<typeof TenantPartition>;

export const TenantMetadata = z.looseObject({
  id: z.number().int().nullable().optional(),
  name: z.string().nullable().optional(),
  defaultDmPartitionId: z.number().int().nullable().optional(),
  dmPartitions: z.array(TenantPartition),
});
export type TenantMetadata = z.infer<typeof TenantMetadata>;
