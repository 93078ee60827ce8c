/**
 * Logto's page-based pagination for list routes (11-users-list-*, 10-logs-*, 03-users-roles-list).
 *
 * Query `page` (default 1) and `page_size` (default 20); an invalid value is `400
 * guard.invalid_pagination` (11-users-list-invalid-page-size). Responses carry `Total-Number` and
 * a `Link` header with `rel="first"`, `rel="prev"` (page > 1), `rel="last"`, `rel="next"`
 * (page < last), in that order. Logto 1.41 builds the URLs from the path *inside* the /api router,
 * so they lack the `/api` prefix (10-logs-by-user-paginated).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { invalidPagination } from './errors.js';

export interface Page {
  page: number;
  pageSize: number;
  offset: number;
}

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

function parsePositiveInt(raw: unknown, fallback: number): number {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw)) return Number.NaN;
  return Number(raw);
}

export function parsePage(query: Record<string, unknown>): Page {
  const page = parsePositiveInt(query.page, 1);
  const pageSize = parsePositiveInt(query.page_size, DEFAULT_PAGE_SIZE);
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw invalidPagination();
  }
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/** Sets Total-Number and Link, returns the items of the requested page. */
export function paginate<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  endpoint: string,
  items: readonly T[],
  page: Page,
): T[] {
  const total = items.length;
  const lastPage = Math.max(1, Math.ceil(total / page.pageSize));
  const rawUrl = request.raw.url ?? request.url;
  const queryIndex = rawUrl.indexOf('?');
  const path = (queryIndex === -1 ? rawUrl : rawUrl.slice(0, queryIndex)).replace(/^\/api(?=\/)/, '');
  const query = queryIndex === -1 ? '' : rawUrl.slice(queryIndex + 1);
  const link = (target: number, rel: string): string => {
    const params = new URLSearchParams(query);
    params.set('page', String(target));
    return `<${endpoint}${path}?${params.toString()}>; rel="${rel}"`;
  };
  const links = [link(1, 'first')];
  if (page.page > 1) links.push(link(page.page - 1, 'prev'));
  links.push(link(lastPage, 'last'));
  if (page.page < lastPage) links.push(link(page.page + 1, 'next'));
  reply.header('Total-Number', String(total));
  reply.header('Link', links.join(', '));
  return items.slice(page.offset, page.offset + page.pageSize);
}
