import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { Page, PageQuery } from '@rackeval/platform';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@rackeval/auth';
import { GenerationView, RegisterGenerationDto } from './dto/register-generation.dto';
import { GenerationsService } from './generations.service';

@ApiTags('generations')
@ApiBearerAuth()
@Controller('v1/generations')
export class GenerationsController {
  constructor(private readonly generations: GenerationsService) {}

  @Post()
  @Roles('admin')
  register(@Body() body: RegisterGenerationDto, @CurrentUser() user: AuthenticatedUser): Promise<GenerationView> {
    return this.generations.register(body, user.username);
  }

  @Get()
  list(@Query() query: PageQuery): Promise<Page<GenerationView>> {
    return this.generations.list(query);
  }
}
