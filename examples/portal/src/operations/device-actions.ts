// The device actions the portal offers. Each takes `dryRun` and an `idempotencyKey`, and answers one result per
// device with the device as the MDM reports it afterwards; a real lock or unlock is then followed live until the
// MDM shows it done (`actionProgress`, schema/subscription.graphql).
import { graphql } from '../gql/index.js';

export const LockDevicesMutation = graphql(`
  mutation PortalLockDevices($input: DeviceActionInput!) {
    lockDevices(input: $input) {
      ...PortalActionPayload
    }
  }
`);

export const UnlockDevicesMutation = graphql(`
  mutation PortalUnlockDevices($input: DeviceActionInput!) {
    unlockDevices(input: $input) {
      ...PortalActionPayload
    }
  }
`);

export const SendMessageMutation = graphql(`
  mutation PortalSendMessage($input: SendMessageToDevicesInput!) {
    sendMessageToDevices(input: $input) {
      ...PortalActionPayload
    }
  }
`);

export const ActionPayloadFragment = graphql(`
  fragment PortalActionPayload on DeviceActionPayload {
    dryRun
    replayed
    auditId
    results {
      id
      status
      message
      device {
        id
        displayName
        status
      }
    }
    userErrors {
      code
      field
      message
    }
  }
`);

/** Each device's progress, by the payload's `auditId`; the stream ends once every device is settled. */
export const ActionProgressSubscription = graphql(`
  subscription PortalActionProgress($auditId: ID!) {
    actionProgress(auditId: $auditId) {
      eventId
      deviceId
      state
      completed
      device {
        id
        displayName
        status
      }
      missed {
        count
        reason
      }
    }
  }
`);
