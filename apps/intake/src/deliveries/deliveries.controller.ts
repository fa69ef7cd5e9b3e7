import { applyDecorators, Body, Controller, Get, Headers, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles, ROLES } from '@rackeval/auth';
import { ApiErrors, Consumes } from '@rackeval/platform';
import type { Request, Response } from 'express';
import { DeliveriesService, RegisteredDelivery } from './deliveries.service';
import { DeliveryDto } from './dto/delivery.dto';
import { DeliveryReferenceParam } from './dto/delivery-reference.param';
import { DeliveryView } from './dto/delivery.view';
import { CSV, ManifestImportService } from './manifest/manifest-import.service';

/** 201 when the delivery was registered now, 200 when the same delivery had been registered before. */
const answer = (response: Response) => (result: RegisteredDelivery) => (
  response.status(result.created ? HttpStatus.CREATED : HttpStatus.OK),
  result.delivery
);

/** The answers of a registration: 201 registered now, 200 the same delivery again. */
const RegisteredAnswers = () =>
  applyDecorators(
    ApiCreatedResponse({ type: DeliveryView, description: 'registered now' }),
    ApiOkResponse({ type: DeliveryView, description: 'the same delivery had been registered before' }),
  );

@ApiTags('deliveries')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/deliveries')
export class DeliveriesController {
  constructor(
    private readonly deliveries: DeliveriesService,
    private readonly manifests: ManifestImportService,
  ) {}

  @Post()
  @Roles('intake')
  @RegisteredAnswers()
  @ApiErrors(400, 409, 422)
  register(
    @Body() body: DeliveryDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DeliveryView> {
    return this.deliveries.register(body, user.username).then(answer(res));
  }

  @Post('import')
  @Roles('intake')
  @RegisteredAnswers()
  @Consumes(CSV)
  @ApiErrors(400, 409, 413, 415, 422)
  @ApiBody({ schema: { type: 'string', description: 'CSV manifest, one row per BOM line; columns in apps/intake/README.md' } })
  import(
    @Req() request: Request,
    @Headers('content-length') contentLength: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DeliveryView> {
    return this.manifests.import(request, contentLength, user.username).then(answer(res));
  }

  @Get(':reference')
  @Roles(...ROLES)
  @ApiOkResponse({ type: DeliveryView, description: 'the delivery with its racks and the files attached to it' })
  @ApiErrors(400, 404)
  detail(@Param() { reference }: DeliveryReferenceParam): Promise<DeliveryView> {
    return this.deliveries.detail(reference);
  }
}
