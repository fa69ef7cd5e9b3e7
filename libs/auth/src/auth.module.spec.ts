import { Controller, Get, INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AuthenticatedUser } from './authenticated-user';
import { AuthModule } from './auth.module';
import { CurrentUser } from './decorators/current-user.decorator';
import { Public } from './decorators/public.decorator';
import { Roles } from './decorators/roles.decorator';
import { TestTokens } from './testing/test-tokens';
import { TokenVerifier } from './token-verifier';

@Controller()
class ProbeController {
  @Public()
  @Get('health')
  health(): { status: string } {
    return { status: 'ok' };
  }

  @Get('me')
  me(@CurrentUser() user: AuthenticatedUser): { username: string; roles: string[] } {
    return { username: user.username, roles: user.roles };
  }

  @Roles('admin', 'finance')
  @Get('terms')
  terms(): string[] {
    return [];
  }
}

// A feature module that injects the verifier without importing AuthModule: it is global.
@Module({ controllers: [ProbeController] })
class FeatureModule {
  constructor(readonly verifier: TokenVerifier) {}
}

describe('AuthModule in an application', () => {
  let tokens: TestTokens;
  let sut: INestApplication;

  beforeAll(async () => {
    tokens = await TestTokens.create();
    const moduleRef = await Test.createTestingModule({ imports: [AuthModule.forRoot(tokens.settings()), FeatureModule] }).compile();
    sut = moduleRef.createNestApplication({ logger: false });
    await sut.init();
  });
  afterAll(async () => {
    await sut.close();
    await tokens.dispose();
  });

  it('serves public routes without a token', async () => {
    await request(sut.getHttpServer()).get('/health').expect(200, { status: 'ok' });
  });

  it('guards every other route and answers 401 without a token', async () => {
    const response = await request(sut.getHttpServer()).get('/me').expect(401);

    expect(response.body.message).toBe('a bearer token is required');
  });

  it('hands the verified user to the handler', async () => {
    const response = await request(sut.getHttpServer())
      .get('/me')
      .set('Authorization', `Bearer ${await tokens.token('ines')}`)
      .expect(200);

    expect(response.body).toEqual({ username: 'ines', roles: ['intake'] });
  });

  it('answers 403 naming the roles when the user lacks them', async () => {
    const response = await request(sut.getHttpServer())
      .get('/terms')
      .set('Authorization', `Bearer ${await tokens.token('tess')}`)
      .expect(403);

    expect(response.body.message).toBe('requires one of the roles: admin, finance');
  });

  it('answers 401 with the reason for a refused token', async () => {
    const response = await request(sut.getHttpServer())
      .get('/terms')
      .set('Authorization', `Bearer ${await tokens.tokenWith({ audience: 'other', roles: ['admin'] })}`)
      .expect(401);

    expect(response.body.message).toBe('invalid token: wrong audience');
  });

  it('refuses bad settings before the application starts', () => {
    expect(() => AuthModule.forRoot({ ...tokens.settings(), algorithms: ['none'] })).toThrow(/not accepted: none/);
  });
});
