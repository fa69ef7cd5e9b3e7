import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** GET /api/auth/config: how the console signs in (OpenAPI shape of `ConsoleAuthConfig`). */
export class ConsoleAuthConfigView {
  @ApiProperty({
    enum: ['local', 'oidc'],
    description: "`local`: the gateway's sign-in form (POST /api/auth/token); `oidc`: the provider's login page",
  })
  mode: 'local' | 'oidc';
  @ApiPropertyOptional({ example: 'https://id.example/realms/rackeval', description: 'oidc only: the issuer URL to discover' })
  issuer?: string;
  @ApiPropertyOptional({ example: 'rackeval-console', description: 'oidc only: the public client (authorization code + PKCE)' })
  clientId?: string;
  @ApiPropertyOptional({ example: 'openid profile', description: 'oidc only: scopes to request, space-separated' })
  scopes?: string;
  @ApiPropertyOptional({ example: 'realm_access.roles', description: 'oidc only: the claim (dotted path) holding the roles' })
  rolesClaim?: string;
}
