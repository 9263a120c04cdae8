import type {
  DirectoryEntry,
  DirectoryEntryInputSchema,
  UpdateDirectoryEntryRequestSchema,
} from '@concerto/shared';
import { apiRequest, sendJson } from './apiClient.ts';

// Request types are read from the shared zod schemas, as in types/contract.ts.
type Input<Schema extends { _zod: { input: unknown } }> = Schema['_zod']['input'];

/** A search of the living directory: words (accents and case ignored) and optional filters. */
export interface DirectorySearch {
  q: string;
  bassin: string;
  kind: string;
  language: string;
}

/** A service as sent to `POST /api/directory`. */
export type DirectoryEntryInput = Input<typeof DirectoryEntryInputSchema>;
/** A change to a service: its maintainers edit anything; any professional updates the availability. */
export type DirectoryEntryChange = Input<typeof UpdateDirectoryEntryRequestSchema>;
/** The answer of a CSV import. */
export interface DirectoryImportResult {
  imported: number;
}

/** The query string of a search, without its empty filters. */
export function directoryQueryString(search: Partial<DirectorySearch>): string {
  const filled = Object.entries(search).filter(([, value]) => typeof value === 'string' && value.trim());
  return new URLSearchParams(filled as [string, string][]).toString();
}

/** Services matching the search (at most 200, by name). */
export function searchDirectory(search: Partial<DirectorySearch>): Promise<DirectoryEntry[]> {
  const query = directoryQueryString(search);
  return apiRequest<DirectoryEntry[]>(`/directory${query ? `?${query}` : ''}`);
}

/** Adds a service (access managers for their organisation, or the admin). */
export function createDirectoryEntry(entry: DirectoryEntryInput): Promise<DirectoryEntry> {
  return sendJson<DirectoryEntry>('POST', '/directory', entry);
}

/** Edits a service as the user saw it (`version`), or updates its availability (dated and signed by the server). */
export function updateDirectoryEntry(
  entryId: string,
  change: DirectoryEntryChange,
  version: number,
): Promise<DirectoryEntry> {
  return sendJson<DirectoryEntry>('PATCH', `/directory/${encodeURIComponent(entryId)}`, change, version);
}

/** Suggests a correction to a service; its maintainers read it. */
export function suggestCorrection(entryId: string, text: string): Promise<{ received: true }> {
  return sendJson<{ received: true }>('POST', `/directory/${encodeURIComponent(entryId)}/suggestions`, {
    text,
  });
}

/** The address of the CSV export of a search (a plain link: the session cookie authenticates it). */
export function directoryExportUrl(search: Partial<DirectorySearch>): string {
  const query = directoryQueryString(search);
  return `/api/directory/export.csv${query ? `?${query}` : ''}`;
}

/** Imports services from a CSV text: every line or none (the error's details name the lines to fix). */
export function importDirectoryCsv(csv: string): Promise<DirectoryImportResult> {
  return apiRequest<DirectoryImportResult>('/directory/import', {
    method: 'POST',
    body: csv,
    headers: { 'Content-Type': 'text/csv' },
  });
}
