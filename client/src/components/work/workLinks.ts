/**
 * Where a "my work" item is handled, as a path inside Concerto. The server names the family page's
 * sections by their test ids (`#section-referrals`); the sections themselves carry the short id
 * (`#referrals`, as the page's own section links do), so the hash is read in both forms.
 */
export function workItemPath(link: string): string {
  return link.replace(/#section-([\w-]+)$/, '#$1');
}
