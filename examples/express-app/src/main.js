import express from 'express';
import { healthRouter, secretref } from '@secretref/express';

const app = express();

// Resolves every reference of .env and of the environment before anything is served. On failure
// it prints the boot report (every failing key, with the IAM grant that fixes it) and exits 1.
const { config } = await secretref(app, {
  envFilePath: process.env.ENV_FILE ?? '.env',
  showResolved: true,
  config: (env) => ({
    port: Number(env.PORT ?? 3001),
    databaseUrl: env.DATABASE_URL,
    stripeApiKey: env.STRIPE_API_KEY,
    sessionSecret: env.SESSION_SECRET,
  }),
});

// GET /health/secrets: the report as JSON, never a value; 200 when every reference resolved, else 503.
app.use(healthRouter());

// Which keys resolved and from where, values masked.
app.get('/keys', (req, res) => {
  const { report } = req.app.locals.secretref;
  const keys = {};
  for (const r of report.resolved) {
    const stage = r.versionStages && !r.versionStages.includes('AWSCURRENT') ? ` @${r.versionStages.join(',')}` : '';
    (keys[r.key] ??= { from: [], value: process.env[r.key] ? '********' : '(unset)' }).from.push(`${r.secretId}${r.jsonKey ? `:${r.jsonKey}` : ''}${stage}`);
  }
  res.json({ healthy: req.app.locals.secretref.healthy, keys });
});

const server = app.listen(config.port, '127.0.0.1', () => {
  console.log(`express-app listening on http://127.0.0.1:${server.address().port}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
