import { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import type { Page } from '../pagination/cursor-page';

const pages = new Map<Type<unknown>, Type<Page<unknown>>>();

/** The OpenAPI schema of `Page<Item>`: `{ items: Item[], nextCursor }`, named `<Item>Page` (`RackSummaryView` → `RackSummaryPage`). */
export function PageOf<T>(item: Type<T>): Type<Page<T>> {
  const known = pages.get(item);
  if (known) return known as Type<Page<T>>;
  class PageView implements Page<T> {
    items: T[];
    nextCursor: string | null;
  }
  ApiProperty({ type: [item] })(PageView.prototype, 'items');
  ApiProperty({ type: String, nullable: true, description: 'pass as `cursor` for the next page; null on the last page' })(
    PageView.prototype,
    'nextCursor',
  );
  Object.defineProperty(PageView, 'name', { value: `${item.name.replace(/View$/, '')}Page` });
  pages.set(item, PageView);
  return PageView;
}
