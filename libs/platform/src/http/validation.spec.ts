import { Type } from 'class-transformer';
import { IsInt, IsString, IsUUID, Min, ValidateNested } from 'class-validator';
import { RequestValidationError } from './domain-error';
import { bracketIndexes, createValidationPipe } from './validation';

class LineDto {
  @IsInt() @Min(1) quantity: number;
}
class OrderDto {
  @IsString() reference: string;
  @ValidateNested({ each: true }) @Type(() => LineDto) lines: LineDto[];
}
class RunIdParam {
  @IsUUID() runId: string;
}

describe('request validation', () => {
  const sut = createValidationPipe();
  const validate = (body: unknown) => sut.transform(body, { type: 'body', metatype: OrderDto });

  it('names nested fields the way a person reads them', async () => {
    const error = await validate({ reference: 'R-1', lines: [{ quantity: 1 }, { quantity: 2.5 }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).details).toEqual([
      { field: 'lines[1].quantity', message: 'quantity must be an integer number' },
    ]);
  });

  it('refuses unknown fields by name', async () => {
    const error = (await validate({ reference: 'R-1', lines: [], discount: 5 }).catch((e: unknown) => e)) as RequestValidationError;
    expect(error.details).toEqual([{ field: 'discount', message: 'property discount should not exist' }]);
  });

  it('names a route parameter its param class refuses, in the same shape as a body', async () => {
    const error = await sut.transform({ runId: 'not-a-uuid' }, { type: 'param', metatype: RunIdParam }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).code).toBe('VALIDATION_FAILED');
    expect((error as RequestValidationError).details).toEqual([{ field: 'runId', message: 'runId must be a UUID' }]);
  });

  it('converts path segments to brackets', () => {
    expect(bracketIndexes('racks.0.bom.12.unitCost')).toBe('racks[0].bom[12].unitCost');
  });
});

describe('NUL characters', () => {
  const sut = createValidationPipe();

  it('refuses U+0000 anywhere in a body, even one no DTO describes, naming the field', async () => {
    const error = (await sut
      .transform({ measurements: [{ metric: 'a' }, { component: 'x\u0000' }] }, { type: 'body', metatype: Object })
      .catch((e: unknown) => e)) as RequestValidationError;
    expect(error).toBeInstanceOf(RequestValidationError);
    expect(error.details).toEqual([{ field: 'measurements[1].component', message: 'must not contain NUL characters (\\u0000)' }]);
  });

  it('refuses it in a bare path parameter and in a query', async () => {
    const param = (await sut
      .transform('RK\u00001', { type: 'param', metatype: String, data: 'serial' })
      .catch((e: unknown) => e)) as RequestValidationError;
    expect(param.details).toEqual([{ field: 'serial', message: 'must not contain NUL characters (\\u0000)' }]);
    const query = (await sut
      .transform({ site: '\u0000' }, { type: 'query', metatype: Object })
      .catch((e: unknown) => e)) as RequestValidationError;
    expect(query.details[0].field).toBe('site');
  });

  it('leaves other parameters (the caller, Kafka contexts) alone', async () => {
    await expect(sut.transform({ username: 'a\u0000' }, { type: 'custom', metatype: Object })).resolves.toEqual({ username: 'a\u0000' });
  });
});
