import { HttpError } from '../../errors';

/** Economy's refusals, with the message members and admins read. */
export type EconomyErrorCode = 'InsufficientFunds' | 'OnCooldown' | 'InvalidAmount' | 'InvalidTarget' | 'ItemNotFound' | 'AlreadyOwned' | 'ModuleDisabled';

const STATUS: Record<EconomyErrorCode, 400 | 404 | 409 | 429> = {
  InsufficientFunds: 409, OnCooldown: 429, InvalidAmount: 400, InvalidTarget: 400, ItemNotFound: 404, AlreadyOwned: 409, ModuleDisabled: 409,
};

/** A refusal of the economy (4xx JSON in the API, an ephemeral line in Discord). */
export class EconomyError extends HttpError {
  override name = 'EconomyError';

  constructor(code: EconomyErrorCode, message: string, details?: Record<string, unknown>) {
    super(STATUS[code], message, { code, details });
  }
}
