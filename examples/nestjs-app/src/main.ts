import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';

// If a secret cannot be resolved, NestFactory.create never returns: Nest logs the boot report
// (every failing key, with the IAM grant that fixes it) and exits with code 1.
const app = await NestFactory.create(AppModule);
app.enableShutdownHooks();
await app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
console.log(`nestjs-app listening on ${await app.getUrl()}`);
