import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '@rackeval/auth';
import {
  CreateServiceAccountDto,
  ServiceAccountActionDto,
  ServiceAccountDetailView,
  ServiceAccountSecretView,
  ServiceAccountView,
} from './dto/service-account.dto';
import { ServiceAccountIdParam } from './dto/service-account-id.param';
import { ServiceAccountsService } from './service-accounts.service';

/** Admins manage the service accounts harnesses sign in with (client credentials). */
@ApiTags('service-accounts')
@Controller('api/auth/service-accounts')
export class ServiceAccountsController {
  constructor(private readonly accounts: ServiceAccountsService) {}

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: ServiceAccountSecretView, description: 'the client secret is in this answer only' })
  @ApiConflictResponse({ description: 'SERVICE_ACCOUNT_NAME_TAKEN' })
  @ApiUnprocessableEntityResponse({ description: 'SERVICE_ACCOUNT_ROLE_TOO_BROAD: only test-engineer or viewer' })
  create(@Body() dto: CreateServiceAccountDto, @CurrentUser() user: AuthenticatedUser) {
    return this.accounts.create(dto, user);
  }

  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: [ServiceAccountView] })
  list() {
    return this.accounts.list();
  }

  @Get(':id')
  @Roles('admin')
  @ApiOkResponse({ type: ServiceAccountDetailView })
  @ApiNotFoundResponse({ description: 'SERVICE_ACCOUNT_NOT_FOUND' })
  get(@Param() { id }: ServiceAccountIdParam) {
    return this.accounts.get(id);
  }

  @Post(':id/rotate')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: ServiceAccountSecretView, description: 'the new secret, shown once; the old one is refused from now on' })
  @ApiConflictResponse({ description: 'SERVICE_ACCOUNT_REVOKED' })
  rotate(@Param() { id }: ServiceAccountIdParam, @Body() dto: ServiceAccountActionDto, @CurrentUser() user: AuthenticatedUser) {
    return this.accounts.rotate(id, user, dto.reason);
  }

  @Post(':id/revoke')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({
    type: ServiceAccountView,
    description: 'no further tokens; tokens already issued end within SERVICE_ACCOUNT_TOKEN_TTL_SECONDS',
  })
  @ApiConflictResponse({ description: 'SERVICE_ACCOUNT_REVOKED: revoked already' })
  revoke(@Param() { id }: ServiceAccountIdParam, @Body() dto: ServiceAccountActionDto, @CurrentUser() user: AuthenticatedUser) {
    return this.accounts.revoke(id, user, dto.reason);
  }

  @Delete(':id')
  @Roles('admin')
  @ApiOkResponse({ type: ServiceAccountView, description: 'the same as POST …/revoke (the account and its audit trail are kept)' })
  @ApiConflictResponse({ description: 'SERVICE_ACCOUNT_REVOKED: revoked already' })
  remove(@Param() { id }: ServiceAccountIdParam, @CurrentUser() user: AuthenticatedUser) {
    return this.accounts.revoke(id, user);
  }
}
