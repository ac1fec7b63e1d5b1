// Cursor paging forwards and back over a Relay connection that only pages forwards (`first`/`after`): the cursors
// that opened each earlier page are kept, so "previous" asks again with the one before.
import { h } from '../dom.js';

export class CursorPager {
  /** `after` of each page shown so far; the first page has none. */
  private readonly opened: Array<string | null> = [null];

  get after(): string | null {
    return this.opened[this.opened.length - 1];
  }

  /** 1-based. */
  get page(): number {
    return this.opened.length;
  }

  next(endCursor: string): void {
    this.opened.push(endCursor);
  }

  previous(): void {
    if (this.opened.length > 1) this.opened.pop();
  }

  reset(): void {
    this.opened.length = 1;
  }
}

export interface PagerView {
  pager: CursorPager;
  hasNextPage: boolean;
  endCursor: string | null | undefined;
  summary: string;
  /** Called after the pager moved. */
  onMove(): void;
}

export function pagerControls({ pager, hasNextPage, endCursor, summary, onMove }: PagerView): HTMLElement {
  return h(
    'nav',
    { class: 'pager', 'aria-label': 'Pages' },
    h(
      'button',
      {
        type: 'button',
        name: 'previous',
        disabled: pager.page === 1,
        onclick: () => {
          pager.previous();
          onMove();
        },
      },
      '← Previous',
    ),
    h('span', { class: 'pager-summary' }, `Page ${pager.page} · ${summary}`),
    h(
      'button',
      {
        type: 'button',
        name: 'next',
        disabled: !hasNextPage || !endCursor,
        onclick: () => {
          if (!endCursor) return;
          pager.next(endCursor);
          onMove();
        },
      },
      'Next →',
    ),
  );
}
