import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Page, PageOf, PageQuery } from '@rackeval/platform';
import { AuthenticatedUser, CurrentUser, Roles, ROLES } from '@rackeval/auth';
import { GenerationView } from './dto/generation.view';
import { RegisterGenerationDto } from './dto/register-generation.dto';
import { GenerationsService } from './generations.service';

@ApiTags('generations')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Controller('v1/generations')
export class GenerationsController {
  constructor(private readonly generations: GenerationsService) {}

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: GenerationView })
  @ApiErrors(400, 409)
  register(@Body() body: RegisterGenerationDto, @CurrentUser() user: AuthenticatedUser): Promise<GenerationView> {
    return this.generations.register(body, user.username);
  }

  @Get()
  @Roles(...ROLES)
  @ApiOkResponse({ type: PageOf(GenerationView) })
  @ApiErrors(400)
  list(@Query() query: PageQuery): Promise<Page<GenerationView>> {
    return this.generations.list(query);
  }
}
