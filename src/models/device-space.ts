/** An EPMM device space. */
export interface DeviceSpaceModel {
  id: number;
  name: string;
  description: string | null;
}
