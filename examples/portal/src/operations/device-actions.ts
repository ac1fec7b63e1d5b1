// The two device actions the portal offers. Both take `dryRun` and an `idempotencyKey`, and answer one result per
// device with the device as the MDM reports it afterwards.
import { graphql } from '../gql/index.js';

export const LockDevicesMutation = graphql(`
  mutation PortalLockDevices($input: DeviceActionInput!) {
    lockDevices(input: $input) {
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
