import { HttpError } from '../../errors/HttpError';

/** Stable codes of the module system's refusals (the `code` field of the error body). */
export type ModuleErrorCode =
  | 'ModuleNotFound'
  | 'ModuleNotAvailableOnPlan'
  | 'ModuleDependencyMissing'
  | 'ModuleRequiredByOther'
  | 'ModuleLimitExceeded'
  | 'ModuleConfigInvalid'
  | 'ModuleAlwaysOn'
  | 'ModuleVersionConflict'
  | 'RevisionNotFound'
  | 'PlanInvalid'
  | 'NotBotOwner';

const STATUS: Record<ModuleErrorCode, 400 | 403 | 404 | 409 | 422> = {
  ModuleNotFound: 404,
  ModuleNotAvailableOnPlan: 403,
  ModuleDependencyMissing: 409,
  ModuleRequiredByOther: 409,
  ModuleLimitExceeded: 403,
  ModuleConfigInvalid: 400,
  ModuleAlwaysOn: 409,
  ModuleVersionConflict: 409,
  RevisionNotFound: 404,
  PlanInvalid: 400,
  NotBotOwner: 403,
};

/** A refusal of the module manager: a 4xx {@link HttpError} whose `code` says which check failed. */
export class ModuleError extends HttpError {
  override name = 'ModuleError';

  constructor(code: ModuleErrorCode, message: string, details?: unknown) {
    super(STATUS[code], message, { code, details });
  }

  /** The plain shape that crosses the Durable Object RPC boundary (classes do not survive it). */
  toJSON(): SerializedModuleError {
    return { status: this.status, code: this.code as ModuleErrorCode, message: this.message, details: this.options.details };
  }

  /** Rebuilds the error on the caller's side of the RPC boundary. */
  static from(e: SerializedModuleError): ModuleError {
    return new ModuleError(e.code, e.message, e.details);
  }
}

/** {@link ModuleError} as plain data. */
export interface SerializedModuleError {
  status: number;
  code: ModuleErrorCode;
  message: string;
  details?: unknown;
}
