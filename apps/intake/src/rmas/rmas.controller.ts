import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles, ROLES } from '@rackeval/auth';
import { ApiErrors, Idempotent, Page, PageOf } from '@rackeval/platform';
import { CancelRmaDto, OpenRmaDto, ReceiveRmaDto, ShipRmaDto } from './dto/rma.dto';
import { RmaIdParam } from './dto/rma-id.param';
import { RmaQuery } from './dto/rma-query.dto';
import { RmaDetailView, RmaSummaryView } from './dto/rma.view';
import { RmaReturnsService } from './rma-returns.service';
import { RmasService } from './rmas.service';
import { RmasQueryService } from './rmas-query.service';

@ApiTags('rmas')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/rmas')
export class RmasController {
  constructor(
    private readonly rmas: RmasService,
    private readonly returns: RmaReturnsService,
    private readonly query: RmasQueryService,
  ) {}

  @Post()
  @Roles('intake', 'admin')
  @Idempotent()
  @ApiOperation({ summary: 'Open an RMA for racks awaiting return, with the findings it reports to the manufacturer' })
  @ApiCreatedResponse({ type: RmaDetailView })
  @ApiErrors(400, 404, 409, 422)
  open(@Body() body: OpenRmaDto, @CurrentUser() user: AuthenticatedUser): Promise<RmaDetailView> {
    return this.rmas.open(body, user.username);
  }

  @Get()
  @Roles(...ROLES)
  @ApiOperation({ summary: 'RMAs, newest first; filter by state or by a rack they include' })
  @ApiOkResponse({ type: PageOf(RmaSummaryView) })
  @ApiErrors(400)
  list(@Query() query: RmaQuery): Promise<Page<RmaSummaryView>> {
    return this.query.list(query);
  }

  @Get(':id')
  @Roles(...ROLES)
  @ApiOkResponse({ type: RmaDetailView })
  @ApiErrors(400, 404)
  detail(@Param() { id }: RmaIdParam): Promise<RmaDetailView> {
    return this.query.detail(id);
  }

  @Post(':id/ship')
  @Roles('intake', 'admin')
  @HttpCode(HttpStatus.OK)
  @Idempotent()
  @ApiOperation({ summary: "Record that an RMA's units left: the RMA is SHIPPED and each rack RETURNED_FOR_RMA" })
  @ApiOkResponse({ type: RmaDetailView })
  @ApiErrors(400, 404, 409, 422)
  ship(@Param() { id }: RmaIdParam, @Body() body: ShipRmaDto, @CurrentUser() user: AuthenticatedUser): Promise<RmaDetailView> {
    return this.rmas.ship(id, body, user.username);
  }

  @Post(':id/receive')
  @Roles('intake', 'admin')
  @HttpCode(HttpStatus.OK)
  @Idempotent()
  @ApiOperation({
    summary:
      'Record units of a shipped RMA coming back: under their serial as its next incarnation (RECEIVED again), or replaced under a new serial (a new rack; the old one RETURNED). The RMA is RECEIVED when its last unit is back',
  })
  @ApiOkResponse({ type: RmaDetailView })
  @ApiErrors(400, 404, 409, 422)
  receive(@Param() { id }: RmaIdParam, @Body() body: ReceiveRmaDto, @CurrentUser() user: AuthenticatedUser): Promise<RmaDetailView> {
    return this.returns.receive(id, body, user.username);
  }

  @Post(':id/cancel')
  @Roles('intake', 'admin')
  @HttpCode(HttpStatus.OK)
  @Idempotent()
  @ApiOperation({ summary: 'Cancel an RMA before shipping: its racks still await return' })
  @ApiOkResponse({ type: RmaDetailView })
  @ApiErrors(400, 404, 409, 422)
  cancel(@Param() { id }: RmaIdParam, @Body() body: CancelRmaDto, @CurrentUser() user: AuthenticatedUser): Promise<RmaDetailView> {
    return this.rmas.cancel(id, body, user.username);
  }
}
