import type { AlertResolvers } from '../generated/resolvers-types.js';
import { encodeId } from '../ids.js';
import { UUID } from '../models/uuid.js';

export const Alert: AlertResolvers = {
  id: (alert) => encodeId('Alert', 'EPMM', String(alert.alertId)),
  legacyId: (alert) => alert.alertId,
  // A malformed uuid from upstream never becomes a search.
  device: (alert, _args, { loaders }) =>
    UUID.test(alert.deviceUuid) ? loaders.alerts.device.load(alert.deviceUuid) : null,
  user: async (alert, _args, { loaders }) => {
    const principal = alert.userPrincipal;
    if (principal === null) return null;
    // The recipient is normally the device's owner, whose fields the device row (loaded with Alert.device) carries.
    const device = UUID.test(alert.deviceUuid) ? await loaders.alerts.device.load(alert.deviceUuid) : null;
    if (device?.user && device.user.principal.toLowerCase() === principal.toLowerCase()) return device.user;
    return (await loaders.userByPrincipal.load(principal)) ?? loaders.users.account(principal);
  },
  // EPMM writes -1 (or nothing) when no label raised the alert; the label list is one cached E22 read.
  label: (alert, _args, { loaders }) =>
    alert.labelId === null || alert.labelId < 0 ? null : loaders.labels.labelByLegacyId(alert.labelId),
};
