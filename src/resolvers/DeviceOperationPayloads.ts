// The extra fields of the device-operation payloads: what the MDM answered travels in each item's target
// (src/mutations/device-operations.ts, device-registration.ts), so a replayed payload shows it too.
import type {
  ActiveSyncActionResultResolvers,
  DeviceRegistrationResolvers,
  LocateDevicePayloadResolvers,
  OpenRemoteSessionPayloadResolvers,
  RegisterDevicePayloadResolvers,
} from '../generated/resolvers-types.js';

export const LocateDevicePayload: LocateDevicePayloadResolvers = {
  locations: (payload) => payload.results[0]?.target?.answer?.locations ?? [],
  locateNowRequested: (payload) => payload.results[0]?.target?.answer?.locateNowRequested ?? null,
};

export const OpenRemoteSessionPayload: OpenRemoteSessionPayloadResolvers = {
  session: (payload) => payload.results[0]?.target?.answer ?? null,
};

export const RegisterDevicePayload: RegisterDevicePayloadResolvers = {
  registration: (payload) => payload.results[0]?.target?.answer ?? null,
};

export const DeviceRegistration: DeviceRegistrationResolvers = {
  // Read after the registration invalidated the caches: the new device as EPMM lists it (PENDING until it enrols).
  device: (registration, _, context) =>
    registration.deviceUuid ? context.loaders.deviceByUuid.load(registration.deviceUuid) : null,
};

export const ActiveSyncActionResult: ActiveSyncActionResultResolvers = {
  // Re-read after the action (the pipeline invalidated the cached list); null once the partnership is gone.
  partnership: async (result, _, context) => {
    // By the id as sent: items skipped or not found have no key, but may still be listed.
    const key = result.id.toLowerCase();
    const partnerships = await context.loaders.deviceDetail.activeSyncPartnerships();
    return partnerships.find((partnership) => partnership.easUuid.toLowerCase() === key) ?? null;
  },
};
