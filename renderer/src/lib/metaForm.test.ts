import { describe, expect, it } from 'vitest';
import { dateProblem, draftFromArticle, isEmptyPatch, urlProblem, validateDraft } from './metaForm';

const article = {
  title: 'Port reopens',
  outlet: 'Reuters',
  byline: null,
  publishedAt: '2024-03-05',
  url: null,
  language: 'en',
};

describe('validateDraft', () => {
  it('sends nothing when nothing changed', () => {
    const { patch, errors } = validateDraft(draftFromArticle(article), article);
    expect(isEmptyPatch(patch)).toBe(true);
    expect(errors).toEqual({});
  });

  it('sends only changed fields, trimmed, with empty meaning unknown (null)', () => {
    const draft = { ...draftFromArticle(article), title: '  Port reopens after strike ', outlet: '', byline: 'Jane Doe', language: 'DE' };
    expect(validateDraft(draft, article)).toEqual({
      patch: { title: 'Port reopens after strike', outlet: null, byline: 'Jane Doe', language: 'de' },
      errors: {},
    });
  });

  it('explains what is wrong with each invalid field and leaves it out of the patch', () => {
    const draft = { ...draftFromArticle(article), title: '  ', publishedAt: '05/03/2024', url: 'example.org/story', language: 'english' };
    const { patch, errors } = validateDraft(draft, article);
    expect(patch).toEqual({});
    expect(errors.title).toBe('A title is required.');
    expect(errors.publishedAt).toMatch(/ISO date such as 2024-03-05/);
    expect(errors.url).toMatch(/full address such as https:\/\//);
    expect(errors.language).toMatch(/two-letter ISO 639-1/);
  });
});

describe('field checks', () => {
  it('accepts ISO dates of every precision and rejects impossible ones', () => {
    for (const ok of ['2024', '2024-03', '2024-02-29', '2024-03-05T14:30Z', '2024-03-05T14:30:15.123+02:00']) {
      expect(dateProblem(ok), ok).toBeNull();
    }
    expect(dateProblem('2023-02-29')).toBe('2023-02 has no day 29.');
    expect(dateProblem('2024-13-01')).toMatch(/no month 13/);
    expect(dateProblem('2024-03-05T25:00')).toMatch(/time is not valid/);
    expect(dateProblem('yesterday')).toMatch(/ISO date/);
  });

  it('accepts absolute URLs only', () => {
    expect(urlProblem('https://example.org/a?b=1')).toBeNull();
    expect(urlProblem('http://')).not.toBeNull();
    expect(urlProblem('www.example.org')).not.toBeNull();
  });
});
