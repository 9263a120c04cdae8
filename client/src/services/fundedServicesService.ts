/** The address of an organisation's funded-services CSV for a period (a plain download link). */
export function servicesExportUrl(organisationId: string, from: string, to: string): string {
  const query = new URLSearchParams({ from, to });
  return `/api/organisations/${encodeURIComponent(organisationId)}/services.csv?${query}`;
}
