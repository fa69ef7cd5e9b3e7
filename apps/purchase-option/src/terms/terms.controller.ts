import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@rackeval/auth';
import { GenerationParam, GetTermsQuery, PutTermsDto, TermsView } from './dto/terms.dto';
import { TermsService } from './terms.service';

@ApiTags('terms')
@ApiBearerAuth()
@Controller('v1/terms')
export class TermsController {
  constructor(private readonly terms: TermsService) {}

  @Put(':generation')
  @Roles('admin', 'finance')
  @ApiOkResponse({ type: TermsView, description: 'The new version, or the latest one when the terms are unchanged' })
  publish(@Param() { generation }: GenerationParam, @Body() body: PutTermsDto, @CurrentUser() user: AuthenticatedUser): Promise<TermsView> {
    return this.terms.publish(generation, body, user.username);
  }

  @Get(':generation')
  @Roles('admin', 'finance', 'viewer')
  @ApiOkResponse({ type: TermsView })
  get(@Param() { generation }: GenerationParam, @Query() query: GetTermsQuery): Promise<TermsView> {
    return this.terms.get(generation, query.version);
  }
}
