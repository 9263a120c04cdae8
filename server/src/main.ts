// Entry point of `npm start`: reads the configuration, starts the server, stops gracefully on signals.
import { loadConfig } from './config.ts';
import { DatabaseConfigurationError } from './db/database.ts';
import { createLogger } from './logger.ts';
import { startServer } from './server.ts';

/** A graceful stop must finish within 5 s; past this the process exits anyway. */
const shutdownDeadlineMs = 4500;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  let server;
  try {
    server = await startServer(config, logger);
  } catch (error) {
    if (error instanceof DatabaseConfigurationError) {
      logger.fatal(error.message);
      console.error(`\nConcerto cannot start: ${error.message}\n`);
    } else {
      logger.fatal({ err: error }, 'Concerto failed to start');
    }
    process.exit(1);
  }
  const running = server;
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown took too long, exiting');
      process.exit(1);
    }, shutdownDeadlineMs).unref();
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

void main();
