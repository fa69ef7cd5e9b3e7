import { ApiError, NetworkError } from '../api/api-error';
import { describeField, errorInWords } from './error-words';

const apiError = (status: number, code: string, message: string, details: Array<{ field: string; message: string }> = []) =>
  new ApiError(status, { statusCode: status, error: '', code, message, details, correlationId: 'c-1' });

describe('errors in words', () => {
  it('explains a known code in a sentence and keeps the reference', () => {
    const sut = errorInWords(apiError(409, 'RACK_ALREADY_ON_SITE', 'rack RK-1 is already on site'));
    expect(sut.summary).toBe('A rack with that serial is already on site.');
    expect(sut.details).toEqual([{ where: '', what: 'rack RK-1 is already on site' }]);
    expect(sut.reference).toBe('c-1');
  });

  it('lists manifest errors by line and column as the service names them', () => {
    const sut = errorInWords(
      apiError(400, 'INVALID_MANIFEST', 'manifest has 2 errors', [
        { field: 'line 3, column countryOfOrigin', message: 'countryOfOrigin must be a valid ISO 3166-1 alpha-2 code' },
        { field: 'line 7', message: 'expected 13 fields, found 12' },
      ]),
    );
    expect(sut.summary).toMatch(/manifest has errors; nothing was imported/);
    expect(sut.details.map((d) => d.where)).toEqual(['line 3, column countryOfOrigin', 'line 7']);
  });

  it('falls back on the status, then on a generic sentence', () => {
    expect(errorInWords(apiError(403, 'SOMETHING_NEW', 'no')).summary).toBe('Your role does not allow this action.');
    expect(errorInWords(new ApiError(502, null)).summary).toMatch(/not answering right now/);
    expect(errorInWords(new ApiError(500, null)).summary).toMatch(/server had a problem/);
    expect(errorInWords(new NetworkError(new TypeError('Failed to fetch'))).summary).toMatch(/could not reach the server/);
  });

  it('turns field paths into words', () => {
    expect(describeField('racks[0].bom[2].unitCost')).toBe('rack 1, BOM line 3, unit cost');
    expect(describeField('rationale')).toBe('rationale');
    expect(describeField('line 4, column site')).toBe('line 4, column site');
  });
});
