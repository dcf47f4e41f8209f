import { Module } from '@nestjs/common';
import { SecretrefModule } from '@secretref/nestjs';
import { KeysController } from './keys.controller.js';
import { validateEnv } from './validate-env.js';

@Module({
  imports: [
    // Instead of ConfigModule.forRoot(): same options, references resolved first.
    SecretrefModule.forRoot({
      envFilePath: process.env.ENV_FILE ?? '.env',
      isGlobal: true,
      validate: validateEnv,
      showResolved: true,
    }),
  ],
  controllers: [KeysController],
})
export class AppModule {}
