// Started as `node --import @secretref/env/register src/main.js`: by the time this line runs, every
// reference of .env and of the environment is resolved into process.env, or the process has
// printed the boot report and exited 1. No secretref import needed here.
import { createServer } from 'node:http';

const KEYS = ['SESSION_SECRET', 'DB_USER', 'DB_PASSWORD', 'DATABASE_URL', 'DB_PASSWORD_PREVIOUS', 'STRIPE_API_KEY'];

const server = createServer((req, res) => {
  if (req.url !== '/keys') {
    res.writeHead(404).end();
    return;
  }
  const keys = Object.fromEntries(KEYS.map((k) => [k, process.env[k] ? '********' : '(unset)']));
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
});

server.listen(Number(process.env.PORT ?? 3002), '127.0.0.1', () => {
  console.log(`plain-node listening on http://127.0.0.1:${server.address().port}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
