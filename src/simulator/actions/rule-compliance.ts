// V24: the compliance-rule violations behind a device's noncompliance reasons, one record per reason, so the
// records always agree with `common.compliant` and `common.noncompliance_reasons`. A compliant device has none.
import type { SimDevice, World } from '../fleet/types.js';

export interface RuleComplianceEntry {
  id: number;
  deviceUuid: string;
  ruleId: number;
  complianceAction: number;
  quarantineAction: number;
  createdAt: number;
  userDisplayName: string;
  userId: string;
  platformName: string;
  model: string;
  actionName: string;
  ruleName: string;
  complianceActionNames: string[];
}

interface Rule {
  id: number;
  name: string;
  /** v1 compliance action codes: 1 alert, 2 block ActiveSync and alert. */
  action: 1 | 2;
}

const ACTIONS = {
  1: { name: 'Send Alert', names: ['ALERT'] },
  2: { name: 'Block ActiveSync and Send Alert', names: ['ALERT', 'BLOCK_ACTIVESYNC'] },
} as const;

const RULES: Readonly<Record<string, Rule>> = {
  COMPROMISED: { id: 1, name: 'Compromised device', action: 2 },
  DEVICE_ADMIN_DEACTIVE: { id: 2, name: 'Device admin deactivated', action: 2 },
  OS_VERSION_OUT_OF_DATE: { id: 3, name: 'Minimum OS version', action: 1 },
  PASSCODE_NOT_COMPLIANT: { id: 4, name: 'Passcode policy', action: 2 },
  OUT_OF_CONTACT: { id: 5, name: 'Out of contact', action: 1 },
  DISALLOWED_APP: { id: 6, name: 'App control', action: 2 },
};

/** Wire platform names as `common.platform_name` writes them. */
const PLATFORM_NAME: Readonly<Record<SimDevice['platform'], string>> = {
  iOS: 'iOS',
  Android: 'Android',
  macOS: 'OS X',
  Windows: 'Windows',
};

export function ruleCompliance(world: World, device: SimDevice): RuleComplianceEntry[] {
  const user = world.usersByUuid.get(device.userUuid);
  // The violation was found at the device's last check-in (epoch ms, as the sample writes it).
  const createdAt = Date.parse(device.lastCheckinAt);
  return device.noncomplianceReasons.map((reason, index) => {
    const rule = RULES[reason] ?? { id: 99, name: reason, action: 1 as const };
    return {
      id: device.id * 10 + index,
      deviceUuid: device.uuid,
      ruleId: rule.id,
      complianceAction: rule.action,
      quarantineAction: device.quarantinedReasons.includes(reason) ? 1 : 0,
      createdAt,
      userDisplayName: user?.displayName ?? '',
      userId: user?.userId ?? '',
      platformName: `${PLATFORM_NAME[device.platform]} ${device.osVersion}`,
      model: device.model,
      actionName: ACTIONS[rule.action].name,
      ruleName: rule.name,
      complianceActionNames: [...ACTIONS[rule.action].names],
    };
  });
}
