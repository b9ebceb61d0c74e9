import {
  Controller,
  Get,
  Injectable,
  Module,
  NotFoundException,
  Param,
  Post,
  type DynamicModule,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import request from 'supertest';
import {
  ChatModule,
  confabEntities,
  ProjectsService,
  ReputationService,
  SpacesService,
  UsersService,
  type ChatModuleOptions,
  type ChatModuleOptionsFactory,
} from '../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

// Fixture host applications: each imports ChatModule the way another Nest service would.
const HOST_ADMIN_TOKEN = 'host-admin-token-0123456789';

@Injectable()
class HostSettings {
  readonly adminToken = HOST_ADMIN_TOKEN;
}

@Module({ providers: [HostSettings], exports: [HostSettings] })
class HostSettingsModule {}

@Injectable()
class ChatOptionsFromSettings implements ChatModuleOptionsFactory {
  createChatModuleOptions(): ChatModuleOptions {
    return { adminToken: HOST_ADMIN_TOKEN };
  }
}

@Module({ providers: [ChatOptionsFromSettings], exports: [ChatOptionsFromSettings] })
class HostChatConfigModule {}

@Controller('host')
class HostController {
  // A host's own code uses Confab's services by injection, as DESIGN §6 has it grant reputation.
  constructor(
    private readonly users: UsersService,
    private readonly reputation: ReputationService,
    private readonly projects: ProjectsService,
    private readonly spaces: SpacesService,
  ) {}

  @Get('missing')
  missing(): never {
    throw new NotFoundException('host resource missing');
  }

  @Post('reward/:projectId/:foreignId')
  async reward(@Param('projectId') projectId: string, @Param('foreignId') foreignId: string) {
    const user = await this.users.getByForeignId(projectId, foreignId);
    const { reputation } = await this.reputation.grant(projectId, user.id, null, 5, 'host reward');
    return {
      reputation,
      knowsProject: (await this.projects.jwtSecret(projectId)) !== null,
      spaces: typeof this.spaces.membership,
    };
  }
}

function hostModule(url: string, chat: DynamicModule): DynamicModule {
  @Module({})
  class HostAppModule {}
  return {
    module: HostAppModule,
    imports: [TypeOrmModule.forRoot({ type: 'postgres', url, entities: confabEntities }), chat],
    controllers: [HostController],
  };
}

const registrations: [string, () => DynamicModule, string][] = [
  ['forRoot', () => ChatModule.forRoot({ adminToken: HOST_ADMIN_TOKEN }), 'v7'],
  [
    'forRootAsync with useFactory and inject',
    () =>
      ChatModule.forRootAsync({
        routePrefix: 'chat-api',
        imports: [HostSettingsModule],
        inject: [HostSettings],
        useFactory: (settings: HostSettings) => ({ adminToken: settings.adminToken }),
      }),
    'chat-api',
  ],
  ['forRootAsync with useClass', () => ChatModule.forRootAsync({ useClass: ChatOptionsFromSettings }), 'v7'],
  [
    'forRootAsync with useExisting',
    () => ChatModule.forRootAsync({ imports: [HostChatConfigModule], useExisting: ChatOptionsFromSettings }),
    'v7',
  ],
];

describe('ChatModule in a host application', () => {
  let database: TestDatabase;
  beforeAll(async () => (database = await createTestDatabase()));
  afterAll(() => database.drop());

  it.each(registrations)('works registered with %s', async (_, chatModule, prefix) => {
    const moduleRef = await Test.createTestingModule({ imports: [hostModule(database.url, chatModule())] }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    try {
      const created = await request(app.getHttpServer())
        .post('/admin/projects')
        .set('Authorization', `Bearer ${HOST_ADMIN_TOKEN}`)
        .send({ name: 'hosted' })
        .expect(201);
      const { project, apiKey } = created.body as { project: { id: string }; apiKey: string };
      const user = await request(app.getHttpServer())
        .post(`/${prefix}/${project.id}/users`)
        .set('Authorization', `Bearer ${apiKey}`)
        .send({ foreignId: 'hosted-user' })
        .expect(201);
      expect(user.body.foreignId).toBe('hosted-user');

      // The host's own code can use Confab's services.
      const rewarded = await request(app.getHttpServer()).post(`/host/reward/${project.id}/hosted-user`).expect(201);
      expect(rewarded.body).toEqual({ reputation: 5, knowsProject: true, spaces: 'function' });

      // Confab's routes answer in Confab's error format...
      const denied = await request(app.getHttpServer()).get(`/${prefix}/${project.id}/users/by-foreign-id`).expect(401);
      expect(denied.body).toEqual({ error: 'Missing or invalid credentials.', code: 'auth/unauthorized' });
      // ...and the host's own routes keep Nest's: ChatModule installs no global filter or pipe.
      const hostError = await request(app.getHttpServer()).get('/host/missing').expect(404);
      expect(hostError.body).toEqual({ statusCode: 404, message: 'host resource missing', error: 'Not Found' });
    } finally {
      await app.close();
    }
  });
});
