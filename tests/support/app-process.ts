// The app's route handlers as a process of their own (`tsx --conditions=react-server`), for the
// crash test: it is killed with SIGKILL mid-payment and started again on the same port, with
// the same database, as a real server would be by its supervisor.
import { startAppHarness } from './app-harness';

const port = Number(process.env.APP_PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error('APP_PORT must be set');
const app = await startAppHarness(port);
process.stdout.write(`ready ${app.url}\n`);
