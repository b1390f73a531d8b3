/**
 * The link to one paragraph of a source page, `<baseUrl>/sources/<docId>#p-<paragraph>`, with
 * the doc id URL-encoded and trailing slashes on the base dropped.
 *
 * @example formatSourceUrl('https://assistant.example/', { docId: 'doc-a', paragraph: 3 })
 * // 'https://assistant.example/sources/doc-a#p-3'
 */
export function formatSourceUrl(baseUrl: string, ref: { docId: string; paragraph: number }): string {
  return `${baseUrl.replace(/\/+$/u, '')}/sources/${encodeURIComponent(ref.docId)}#p-${ref.paragraph}`;
}
