import compression from 'compression';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { maxJsonBodyBytes, type DatabaseKind } from '@concerto/shared';
import type { Config } from './config.ts';
import type { DocumentRegistry } from './collab/documentRegistry.ts';
import type { SessionRegistry } from './auth/sessionRegistry.ts';
import { clientApp } from './http/clientApp.ts';
import { errorHandler, unknownApiRoute } from './http/errors.ts';
import { requestLogging } from './http/requestLogging.ts';
import { securityHeaders } from './http/security.ts';
import { crossSiteGuard } from './http/crossSite.ts';
import { identifyCaller } from './auth/authenticate.ts';
import { authRouter } from './routes/auth/router.ts';
import { passwordRouter } from './routes/auth/passwordRouter.ts';
import { secondFactorRouter } from './routes/auth/secondFactorRouter.ts';
import { identityProviderRouter } from './routes/auth/identityProviderRouter.ts';
import { signInSettingsRouter } from './routes/organisations/signInSettingsRouter.ts';
import { passkeyRouter } from './routes/auth/passkeyRouter.ts';
import { familiesRouter } from './routes/families/router.ts';
import { flagsAndAuditRouter } from './routes/families/flagsAndAuditRouter.ts';
import { assessmentsRouter } from './routes/assessments/router.ts';
import { strataRouter } from './routes/strata/router.ts';
import { membersRouter } from './routes/families/membersRouter.ts';
import { recordsRouter } from './routes/families/recordsRouter.ts';
import { keyMomentsRouter } from './routes/families/keyMomentsRouter.ts';
import { teamRouter } from './routes/families/teamRouter.ts';
import { healthRouter } from './routes/health/router.ts';
import { organisationsRouter } from './routes/organisations/router.ts';
import { professionalsRouter } from './routes/professionals/router.ts';
import { spacesRouter } from './routes/spaces/router.ts';
import { collabTokenRouter } from './routes/spaces/tokenRouter.ts';
import { spaceHistoryRouter } from './routes/spaces/historyRouter.ts';
import { meRouter } from './routes/me/router.ts';
import { functionsRouter } from './routes/functions/router.ts';
import { decisionsRouter } from './routes/decisions/router.ts';
import { interpretersRouter } from './routes/interpreters/router.ts';
import { concertationsRouter } from './routes/concertations/router.ts';
import { directoryRouter } from './routes/directory/router.ts';
import { referralsRouter } from './routes/referrals/router.ts';
import { contactsRouter } from './routes/contacts/router.ts';
import { fundedServicesRouter } from './routes/fundedServices/router.ts';
import { interopRouter } from './routes/interop/router.ts';
import { networkRouter } from './routes/network/router.ts';
import { openApiRouter } from './routes/openapi/router.ts';
import { closingRouter } from './routes/closing/router.ts';
import { rightsRouter } from './routes/rights/router.ts';
import { notificationsRouter } from './routes/notifications/router.ts';
import { figuresRouter } from './routes/figures/router.ts';
import { organisationBassinRouter } from './routes/organisations/bassinRouter.ts';
import { eligibilityRulesRouter } from './routes/programme/eligibilityRouter.ts';
import { attachmentUploadTypes, attachmentsRouter } from './routes/attachments/router.ts';
import { generalPractitionersRouter } from './routes/generalPractitioners/router.ts';

/** What the HTTP app needs from the running server. */
export interface AppContext {
  config: Config;
  logger: Logger;
  databaseKind: DatabaseKind;
  /** Loaded collaboration documents (routes read the plan through them). */
  documents: DocumentRegistry;
  /** Where ended sessions are announced, so their live sockets close. */
  sessions: SessionRegistry;
}

/** Builds the Express app: security headers, request logs, compression, the API under /api and the built client at /. */
export function createApp(context: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', context.config.trustedProxies);
  app.locals.secureCookies = context.config.nodeEnv === 'production';
  app.use(securityHeaders());
  app.use(requestLogging(context.logger));
  // JSON and the HTML page, compressed per request (Brotli when the browser takes it); built assets carry
  // their own precompressed copies (see clientApp.ts), which this leaves alone.
  app.use(compression());

  const api = express.Router();
  api.use(
    crossSiteGuard(context.config.allowedOrigins, {
      '/directory/import': ['text/csv'],
      // Documents are sent as themselves; types other sites cannot send without asking (no simple request).
      '/families/:id/attachments': attachmentUploadTypes,
    }),
  );
  api.use(express.json({ limit: maxJsonBodyBytes }));
  api.use(identifyCaller);
  api.use(healthRouter(context.databaseKind));
  api.use(openApiRouter());
  api.use(authRouter(context.sessions, context.config.passkeys));
  api.use(passkeyRouter(context.config.passkeys));
  api.use(passwordRouter(context.sessions));
  api.use(secondFactorRouter());
  // Plain-http providers only outside production: the tests run a real provider on localhost.
  api.use(identityProviderRouter(context.config.nodeEnv !== 'production'));
  api.use(organisationsRouter(context.sessions));
  api.use(signInSettingsRouter());
  api.use(organisationBassinRouter());
  api.use(professionalsRouter());
  api.use(familiesRouter());
  api.use(membersRouter());
  api.use(teamRouter());
  api.use(recordsRouter());
  api.use(keyMomentsRouter());
  api.use(flagsAndAuditRouter());
  api.use(assessmentsRouter());
  api.use(strataRouter());
  api.use(spacesRouter());
  api.use(collabTokenRouter());
  api.use(spaceHistoryRouter(context.documents));
  api.use(meRouter(context.config.video));
  api.use(functionsRouter());
  api.use(decisionsRouter());
  api.use(concertationsRouter(context.documents, context.config.video));
  api.use(interpretersRouter(context.sessions, context.config.video));
  api.use(directoryRouter());
  api.use(referralsRouter());
  api.use(contactsRouter());
  api.use(fundedServicesRouter());
  api.use(interopRouter(context.documents));
  api.use(networkRouter(context.documents));
  api.use(closingRouter(context.config.retentionDays));
  api.use(rightsRouter(context.documents));
  api.use(notificationsRouter(context.config.notifications));
  api.use(figuresRouter());
  api.use(eligibilityRulesRouter());
  api.use(attachmentsRouter(context.config.documents.maxBytes));
  api.use(generalPractitionersRouter());
  api.use(unknownApiRoute);
  app.use('/api', api);

  app.use(clientApp(context.config.clientDir));
  app.use(errorHandler);
  return app;
}
