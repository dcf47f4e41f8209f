/** Injection token of the boot report (`ResolutionReport`: ids, ARNs, counts and issues, never a value). */
export const SECRETREF_REPORT = 'SECRETREF_REPORT';

/** Injection token of the options produced by `SecretrefModule.forRootAsync({ useFactory })`. */
export const SECRETREF_MODULE_OPTIONS = 'SECRETREF_MODULE_OPTIONS';

/** Logger context of the boot report lines. */
export const SECRETREF_LOGGER_CONTEXT = 'Secretref';
