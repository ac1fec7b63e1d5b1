// Baseline (b): a hand-written client of the REST APIs making the optimal calls for each screen, the floor for
// upstream calls and latency. Independent calls go out together; a call waits only for the data it needs.
// It learns once what the gateway also keeps per credential (the admin's device space, the Neurons partitions),
// and asks each search for only the fields the screen shows.
import { Pool } from 'undici';
import { basicAuthorization } from '../src/auth/credentials.js';

const EPMM_PAGE = 200;
const UUIDS_PER_SEARCH = 4;

interface SearchPage {
  results: Array<Record<string, unknown>>;
  totalCount: number;
}
interface Alert {
  deviceUuid: string | null;
  isActive: boolean;
}

export class DirectRestClient {
  private readonly pool: Pool;
  private readonly authorization: string;
  private spaceId = 0;
  private partitions: number[] = [];

  constructor(origin: string, admin: string) {
    // Unconstrained (undici opens a connection per request in flight): the floor is what the vendor API allows,
    // so the largest fan-out (a fleet page's 50 label calls, 32 such pages at concurrency 32) all go at once.
    this.pool = new Pool(origin, { connections: null });
    this.authorization = basicAuthorization(admin, admin);
  }

  async learnScope(): Promise<void> {
    const mine = await this.get<{ results: Array<{ id: number }> }>('/api/v2/device_spaces/mine');
    this.spaceId = mine.results[0].id;
    const partitions = await this.get<{ result: { searchResults: Array<{ id: number }> } }>(
      '/neurons/api/v1/tenant/partition/device',
    );
    this.partitions = partitions.result.searchResults.map((partition) => partition.id);
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  /** Screen 1: a 50-device page with user, labels, device space and compliance reasons. 2 dependent rounds. */
  async fleetPage(): Promise<void> {
    const [page] = await Promise.all([
      this.search({
        fields: [
          'common.uuid',
          'common.model',
          'common.noncompliance_reasons',
          'common.device_space_name',
          'user.display_name',
          'user.email_address',
        ],
        limit: 50,
        offset: 0,
      }),
      this.get(`/api/v2/device_spaces?adminDeviceSpaceId=${this.spaceId}`),
    ]);
    await Promise.all(
      page.results.map((row) =>
        this.get(`/api/v2/devices/${String(row['common.uuid'])}/labels?adminDeviceSpaceId=${this.spaceId}`),
      ),
    );
  }

  /**
   * The peers' fleet page (bench/peer-run.ts): a 50-device page with model, platform, user and label names, as
   * every gateway there answers it. 1 search, then the 50 V25 label calls together: 51 calls, 2 dependent rounds.
   */
  async devicePageWithLabels(offset: number, limit = 50): Promise<number> {
    const page = await this.search({
      fields: ['common.uuid', 'common.model', 'common.platform', 'user.display_name', 'user.email_address'],
      limit,
      offset,
    });
    await Promise.all(
      page.results.map((row) =>
        this.get(`/api/v2/devices/${String(row['common.uuid'])}/labels?adminDeviceSpaceId=${this.spaceId}`),
      ),
    );
    return page.results.length;
  }

  /** Screen 2: one device's page. V09 carries every field of the device (so no search); 3 dependent rounds for Neurons. */
  async devicePage(uuid: string): Promise<void> {
    const q = `adminDeviceSpaceId=${this.spaceId}`;
    const [details] = await Promise.all([
      this.get<{ results: Array<{ name: string; value: unknown }> }>(`/api/v2/devices/${uuid}/details?${q}`),
      this.get(`/api/v2/devices/${uuid}/labels?${q}`),
      this.get(`/api/v1/policies/devices/${uuid}`),
      this.get('/api/v1/alerts'),
      this.get(`/api/v2/devices/${uuid}/appcompliance?${q}`),
      this.get(`/api/v2/devices/${uuid}/rulecompliance?${q}`),
    ]);
    const serial = details.results.find((entry) => entry.name === 'common.SerialNumber')?.value;
    if (typeof serial !== 'string') throw new Error(`device ${uuid} has no serial number`);
    const found = await Promise.all(
      this.partitions.map((partition) =>
        this.get<{ result: { searchResults: Array<{ id: number; guid: string }> } }>(
          `/neurons/api/v1/device?q=&rows=500&start=0&dmPartitionId=${partition}&fq=${encodeURIComponent(`SERIALNUMBER EQ '${serial}'`)}`,
        ).then((answer) =>
          answer.result.searchResults
            .filter((device) => device.guid === uuid)
            .map((device) => ({ partition, id: device.id })),
        ),
      ),
    );
    await Promise.all(
      found.flat().map((device) => this.get(`/neurons/api/v1/device/${device.id}?dmPartitionId=${device.partition}`)),
    );
  }

  /** Screen 3: users with their devices and unread counts: every device row of the space, and one alert list. 2 rounds. */
  async peoplePage(): Promise<void> {
    const fields = ['common.uuid', 'common.model', 'user.user_id', 'user.display_name'];
    const [first] = await Promise.all([
      this.search({ fields, limit: EPMM_PAGE, offset: 0 }),
      this.get('/api/v1/alerts'),
    ]);
    await this.restOfSpace(first, fields);
  }

  /** Screen 4: every label with its count (E22) and its first 10 devices (one search per label). 2 rounds. */
  async labelDrillDown(): Promise<void> {
    const labels = await this.get<{ deviceManagementWebServiceResponse: { labels: { label: Array<{ id: number }> } } }>(
      '/api/v1/dm/labels',
    );
    await Promise.all(
      labels.deviceManagementWebServiceResponse.labels.label.map((label) =>
        this.search({ fields: ['common.uuid'], limit: 10, offset: 0, labelId: label.id }),
      ),
    );
  }

  /**
   * Screen 5: the 100 newest alerts with their devices and users. The alert list and the space's first page go
   * together; then whichever is cheaper of the remaining pages or uuid searches (4 per search). 2 rounds.
   */
  async alertInbox(): Promise<void> {
    const fields = ['common.uuid', 'common.model', 'user.user_id', 'user.display_name'];
    const [alerts, first] = await Promise.all([
      this.get<{ alertWebServiceResponse: { alerts: { alert: Alert[] } } }>('/api/v1/alerts'),
      this.search({ fields, limit: EPMM_PAGE, offset: 0 }),
    ]);
    const newest = [...alerts.alertWebServiceResponse.alerts.alert].reverse().slice(0, 100);
    const onFirst = new Set(first.results.map((row) => String(row['common.uuid'])));
    const missing = [
      ...new Set(
        newest.map((alert) => alert.deviceUuid).filter((uuid): uuid is string => uuid !== null && !onFirst.has(uuid)),
      ),
    ];
    const remainingPages = Math.ceil(first.totalCount / EPMM_PAGE) - 1;
    if (Math.ceil(missing.length / UUIDS_PER_SEARCH) >= remainingPages) {
      await this.restOfSpace(first, fields);
      return;
    }
    const searches: string[][] = [];
    for (let i = 0; i < missing.length; i += UUIDS_PER_SEARCH) searches.push(missing.slice(i, i + UUIDS_PER_SEARCH));
    await Promise.all(
      searches.map((uuids) =>
        this.search({
          fields,
          limit: uuids.length,
          offset: 0,
          query: uuids.map((uuid) => `"common.uuid" = "${uuid}"`).join(' OR '),
        }),
      ),
    );
  }

  /**
   * The device-action burst with the gateway's guarantee (issue 5: an id the caller cannot see is never sent):
   * the uuids' visibility first, 4 per search (the 255-character query limit), all together; then one V19 of
   * the visible ones. 2 rounds.
   */
  async checkedLock(uuids: readonly string[]): Promise<void> {
    const searches: string[][] = [];
    for (let i = 0; i < uuids.length; i += UUIDS_PER_SEARCH) searches.push(uuids.slice(i, i + UUIDS_PER_SEARCH));
    const pages = await Promise.all(
      searches.map((chunk) =>
        this.search({
          fields: ['common.uuid'],
          limit: chunk.length,
          offset: 0,
          query: chunk.map((uuid) => `"common.uuid" = "${uuid}"`).join(' OR '),
        }),
      ),
    );
    await this.lock(pages.flatMap((page) => page.results.map((row) => String(row['common.uuid']))));
  }

  /** One V19 lock of up to 20 devices whose visibility is known. */
  async lock(uuids: readonly string[]): Promise<void> {
    await this.send('PUT', `/api/v2/devices/lock?adminDeviceSpaceId=${this.spaceId}`, {
      deviceUuids: uuids,
      note: 'bench',
    });
  }

  /** The path of one device search, as the raw proxy and the one-call query's direct client ask for it. */
  searchPath(options: { fields: string[]; limit: number; offset: number; labelId?: number; query?: string }): string {
    const params = new URLSearchParams({ adminDeviceSpaceId: String(this.spaceId), query: options.query ?? '' });
    if (options.labelId !== undefined) params.set('labelId', String(options.labelId));
    params.set('fields', options.fields.join(','));
    params.set('limit', String(options.limit));
    params.set('offset', String(options.offset));
    return `/api/v2/devices?${params.toString()}`;
  }

  search(options: {
    fields: string[];
    limit: number;
    offset: number;
    labelId?: number;
    query?: string;
  }): Promise<SearchPage> {
    return this.get<SearchPage>(this.searchPath(options));
  }

  private async restOfSpace(first: SearchPage, fields: string[]): Promise<void> {
    const offsets: number[] = [];
    for (let offset = EPMM_PAGE; offset < first.totalCount; offset += EPMM_PAGE) offsets.push(offset);
    await Promise.all(offsets.map((offset) => this.search({ fields, limit: EPMM_PAGE, offset })));
  }

  get<T = unknown>(path: string): Promise<T> {
    return this.send<T>('GET', path);
  }

  private async send<T>(method: 'GET' | 'PUT', path: string, body?: unknown): Promise<T> {
    const answer = await this.pool.request({
      method,
      path,
      headers: {
        authorization: this.authorization,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const parsed = (await answer.body.json()) as T;
    if (answer.statusCode >= 400) throw new Error(`${method} ${path}: ${answer.statusCode}`);
    return parsed;
  }
}
