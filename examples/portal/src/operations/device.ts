// The device page, by global id through `device(id:)`: the device, its posture, user, labels, policies and
// compliance reasons.
import { graphql } from '../gql/index.js';

export const DevicePageQuery = graphql(`
  query PortalDevicePage($id: ID!) {
    device(id: $id) {
      id
      displayName
      uuid
      sources
      platform
      osVersion
      model
      manufacturer
      status
      ownership
      serialNumber
      phoneNumber
      deviceSpaceName
      registeredAt
      lastCheckInAt
      compliant
      noncomplianceReasons
      quarantined
      compromised
      encrypted
      supervised
      passcodeCompliant
      osBuild
      securityPatchLevel
      enrollmentType
      carrier
      complianceState {
        nonCompliance
        quarantine
        block
      }
      user {
        id
        displayName
        principal
        email
      }
      labels {
        id
        name
        static
      }
      policies {
        id
        name
        type
        status
      }
    }
  }
`);
