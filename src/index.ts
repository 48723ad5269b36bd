// The library a gateway embeds: the shared store and the credential engine, no UI.
export * from './store/index.js';
export { maskSecret } from './util/mask.js';
export { redact, registerSecret } from './util/redact.js';
export { sanitizeSecretInput, parseSecretInput } from './util/sanitize.js';
// Secret references (keyRef/tokenRef): a gateway resolves them when it needs the credential.
export * from './store/secret-ref.js';
export { resolveRef, resolveRefs, resolveCredentialSecret, describeFailure, type ResolveContext, type RefResolution } from './secrets/resolve.js';
export { auditSecrets, auditFails, type AuditReport } from './secrets/audit.js';
export { parseDuration, formatDuration, formatRemaining } from './util/duration.js';
// Credential engine (engine A1): health, order, cooldowns, failure classification.
export * from './auth/health.js';
export * from './auth/cooldown.js';
export * from './auth/order.js';
export * from './auth/failure-classify.js';
export * from './auth/refresh.js';
export * from './auth/external-cli.js';
export {
  requestTokenRefresh,
  refreshEndpoint,
  TokenRefreshError,
  type RefreshedTokens,
  type RefreshFailureKind,
} from './oauth/token-refresh.js';
export * from './auth/session-override.js';
// Status report and models in use: the one model text, JSON, --check and the dashboard render.
export { buildStatusReport, checkReport, discoverAgentIds, type BuildReportOptions, type ProbeFn } from './auth/report.js';
export type * from './auth/report-types.js';
export { renderStatusJson } from './auth/status-json.js';
export { renderStatusText } from './auth/status-text.js';
export {
  DEFAULT_MODEL,
  resolveModelsInUse,
  providersInUse,
  parseModelRef,
  modelParams,
  setDefaultModel,
  type ModelsInUse,
  type ModelRef,
} from './auth/models-in-use.js';
