import { adapterWorld } from '../fixtures/adapter-world.js';

export { ACCOUNT, placeholdersIn, placeholdersInProcessEnv, restoreEnvAfterEach } from '../fixtures/adapter-world.js';
export const { CANARY, ADMIN, RESTRICTED, SEED, ENV_FILE, EXPECTED, DENIED_ENV, writeEnvFile, canaryIn } = adapterWorld('express-2b7e');
