// EPMM device-space wire shapes (catalogue DS01, DS03-DS11), validated at the boundary. Lenient where the
// documents are loose: `parentId` may arrive as a string, `hasMore` may be missing, extra keys are kept out.
import { z } from 'zod';

const count = z.number().int().nonnegative();
const id = z.number().int();

export const DeviceSpaceListItem = z.object({
  id,
  name: z.string(),
  criteria: z
    .string()
    .nullable()
    .transform((value) => value ?? ''),
  status: z.string(),
  priority: z.number().int(),
  deviceCount: count,
  /** One string for all admins ("miadmin"); the simulator comma-separates several. */
  admins: z
    .string()
    .nullable()
    .optional()
    .transform((value) => value ?? ''),
});
export type DeviceSpaceListItem = z.infer<typeof DeviceSpaceListItem>;

export const DeviceSpaceListResponse = z.object({
  results: z.array(DeviceSpaceListItem),
  totalCount: count,
  resultCount: count.optional(),
  hasMore: z.boolean().optional(),
});
export type DeviceSpaceListResponse = z.infer<typeof DeviceSpaceListResponse>;

export const CriteriaFieldsResponse = z.object({
  results: z.array(z.object({ name: z.string(), type: z.string() })),
  totalCount: count.optional(),
  resultCount: count.optional(),
});
export type CriteriaFieldsResponse = z.infer<typeof CriteriaFieldsResponse>;

/** DS04/DS05: `{"results":{"id":4}}`. */
export const DeviceSpaceIdResponse = z.object({ results: z.object({ id }) });

export const DeviceSpaceDetail = z.object({
  id,
  name: z.string(),
  parentId: z.union([id, z.string().regex(/^\d+$/).transform(Number)]).nullable(),
  priority: z.number().int(),
  criteria: z.string(),
  criteriaFields: z.string().optional(),
  status: z.string(),
  path: z.string(),
});
export type DeviceSpaceDetail = z.infer<typeof DeviceSpaceDetail>;

export const ChangePriorityResponse = z.object({ results: DeviceSpaceDetail });

const InfoMessage = z.object({
  type: z.string(),
  messageKey: z.string(),
  localizedMessage: z.string().optional(),
  messageParameters: z.array(z.union([z.string(), z.number()])).optional(),
});
export type InfoMessage = z.infer<typeof InfoMessage>;

/** Success messages only: an `Error` message fails here so parseEpmm reports it as the error it is. */
const noErrors = (messages: InfoMessage[]) => messages.every((message) => message.type !== 'Error');
const InfoMessages = z.array(InfoMessage).refine(noErrors);

export const PolicyRestriction = z.object({
  policyProfileType: z.string(),
  creationAllowedInSpace: z.boolean(),
  overrideGlobalPolicies: z.boolean(),
});
export type PolicyRestriction = z.infer<typeof PolicyRestriction>;

export const PolicyRestrictionsResponse = z.object({
  results: z.object({ policyRestrictions: z.array(PolicyRestriction), deviceSpaceId: id }),
  messages: InfoMessages.optional(),
});
export type PolicyRestrictionsResponse = z.infer<typeof PolicyRestrictionsResponse>;

export const SaveMessagesResponse = z.object({ messages: z.array(InfoMessage).min(1).refine(noErrors) });

/** DS06, DS07, DS11 answer "200 OK" with no body; anything but an error envelope is success. */
export const NoContentResponse = z.unknown().refine((body) => {
  const messages = (body as { messages?: unknown } | null)?.messages;
  return !(
    Array.isArray(messages) && messages.some((message) => (message as { type?: unknown } | null)?.type === 'Error')
  );
});
