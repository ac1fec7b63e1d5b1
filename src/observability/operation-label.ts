// The `operation` label of the request metrics comes from the client (the operation's name), so it is bounded:
// every distinct name is a new time series held in memory for the life of the process (and summed over workers),
// and an authenticated caller could otherwise send a new name with every request. The first names seen keep their
// own series; past the bound, requests are counted under `other`.
export const OTHER_OPERATIONS = 'other';

export class OperationLabels {
  private readonly seen = new Set<string>();

  constructor(private readonly max: number) {}

  label(name: string | undefined): string {
    if (name === undefined) return 'anonymous';
    if (this.seen.has(name)) return name;
    if (this.seen.size >= this.max) return OTHER_OPERATIONS;
    this.seen.add(name);
    return name;
  }
}
