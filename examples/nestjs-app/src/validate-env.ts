/**
 * ConfigModule-style validation. SecretrefModule runs it after resolution, so it sees secret values:
 * here it checks that DATABASE_URL, when set, is a URL, and turns PORT into a number.
 */
export function validateEnv(env: Record<string, unknown>): Record<string, unknown> {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('PORT must be an integer from 0 to 65535');
  if (typeof env.DATABASE_URL === 'string' && !URL.canParse(env.DATABASE_URL)) throw new Error('DATABASE_URL must be a URL');
  return { ...env, PORT: port };
}
