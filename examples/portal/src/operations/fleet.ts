// The fleet list: one page of devices matching the filters, with what a row shows and the cursors to page on.
import { graphql } from '../gql/index.js';

export const FleetPageQuery = graphql(`
  query PortalFleetPage($first: Int!, $after: String, $filter: DeviceFilter, $source: Source) {
    devices(first: $first, after: $after, filter: $filter, source: $source) {
      totalCount
      totalCountIsEstimate
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        displayName
        platform
        osVersion
        model
        status
        compliant
        lastCheckInAt
        sources
        user {
          id
          displayName
          principal
        }
      }
    }
  }
`);
