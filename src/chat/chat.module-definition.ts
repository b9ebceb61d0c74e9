import { ConfigurableModuleBuilder, type ConfigurableModuleOptionsFactory } from '@nestjs/common';
import type { ChatModuleOptions } from '../common/config/confab-options.js';
import { DEFAULT_REALTIME_OPTIONS, type RealtimeOptions } from '../realtime/realtime-options.js';

/**
 * Options fixed when the module is declared, because they decide its routes and providers, which
 * exist before any options factory runs.
 */
export interface ChatModuleExtras {
  /** Path segment before `/:projectId/...` on every route. Default `v7`, as the official client expects. */
  routePrefix?: string;
  /** Live delivery: the built-in socket.io gateway (default), or the host's own `ChatEvents`. */
  realtime?: RealtimeOptions;
}

export const {
  ConfigurableModuleClass: ConfigurableChatModule,
  MODULE_OPTIONS_TOKEN: CHAT_MODULE_OPTIONS,
  OPTIONS_TYPE: CHAT_MODULE_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: CHAT_MODULE_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<ChatModuleOptions>({ moduleName: 'Chat' })
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createChatModuleOptions')
  .setExtras<ChatModuleExtras>({ routePrefix: 'v7', realtime: DEFAULT_REALTIME_OPTIONS })
  .build();

/** A class that makes the options, for `ChatModule.forRootAsync({ useClass })` or `useExisting`. */
export type ChatModuleOptionsFactory = ConfigurableModuleOptionsFactory<ChatModuleOptions, 'createChatModuleOptions'>;
