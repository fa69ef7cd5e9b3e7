import { Type } from 'class-transformer';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { RequestValidationError } from './domain-error';
import { bracketIndexes, createValidationPipe } from './validation';

class LineDto {
  @IsInt() @Min(1) quantity: number;
}
class OrderDto {
  @IsString() reference: string;
  @ValidateNested({ each: true }) @Type(() => LineDto) lines: LineDto[];
}

describe('request validation', () => {
  const sut = createValidationPipe();
  const validate = (body: unknown) => sut.transform(body, { type: 'body', metatype: OrderDto });

  it('names nested fields the way a person reads them', async () => {
    const error = await validate({ reference: 'R-1', lines: [{ quantity: 1 }, { quantity: 2.5 }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).details).toEqual([{ field: 'lines[1].quantity', message: 'quantity must be an integer number' }]);
  });

  it('refuses unknown fields by name', async () => {
    const error = (await validate({ reference: 'R-1', lines: [], discount: 5 }).catch((e: unknown) => e)) as RequestValidationError;
    expect(error.details).toEqual([{ field: 'discount', message: 'property discount should not exist' }]);
  });

  it('converts path segments to brackets', () => {
    expect(bracketIndexes('racks.0.bom.12.unitCost')).toBe('racks[0].bom[12].unitCost');
  });
});
