// Who is signed in: the header shows it, and the sign-in form uses it to prove the credentials typed.
import { graphql } from '../gql/index.js';

export const ViewerQuery = graphql(`
  query PortalViewer {
    viewer {
      name
      activeDeviceSpace {
        name
      }
    }
  }
`);
