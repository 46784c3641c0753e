/**
 * W3C Web Annotation JSON-LD (shared/export/web-annotation.ts): every highlight and claim of the
 * notebook, as the CLI exported before briefs existed, so scripts that relied on it keep working.
 */
import { toWebAnnotations } from '../../shared/export/web-annotation';
import type { Exporter } from './types';

export const jsonldExporter: Exporter = {
  format: 'jsonld',
  label: 'W3C Web Annotations (.jsonld)',
  extension: 'jsonld',
  mediaType: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
  binary: false,
  needs: { allAnnotations: true },
  render: async ({ notebook, articles, annotations, tags, claims }) =>
    `${JSON.stringify(toWebAnnotations({ id: notebook.id, name: notebook.name }, articles, annotations, tags, claims), null, 2)}\n`,
};
