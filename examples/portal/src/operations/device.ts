// The device page, by global id through `node(id:)`: the device, its user, labels, policies and compliance reasons.
import { graphql } from '../gql/index.js';

export const DevicePageQuery = graphql(`
  query PortalDevicePage($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Device {
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
  }
`);
