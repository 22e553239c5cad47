import { HttpError } from '../errors';
import { permissionNames } from './permissionNames';

/** Why an action was refused: a missing Discord permission, or a role-hierarchy rule. */
export type PermissionErrorCode = 'MissingPermissions' | 'HierarchyViolation';

/**
 * 403 for an action Discord would not let the actor do themselves. `details.missing` names the
 * permissions (as Discord's client spells them) so the dashboard can say what to ask for.
 */
export class PermissionError extends HttpError {
  override name = 'PermissionError';

  constructor(code: PermissionErrorCode, message: string, missing?: bigint) {
    super(403, message, { code, ...(missing !== undefined && { details: { missing: permissionNames(missing) } }) });
  }

  /** The actor lacks `missing` (in `where`, e.g. "in #general"). */
  static missing(missing: bigint, where = 'on this server'): PermissionError {
    return new PermissionError('MissingPermissions', `You need ${permissionNames(missing).join(', ')} ${where} for this`, missing);
  }

  static hierarchy(message: string): PermissionError {
    return new PermissionError('HierarchyViolation', message);
  }
}
