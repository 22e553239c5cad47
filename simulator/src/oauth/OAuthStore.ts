import { randomBytes } from 'node:crypto';

/** One authorization: who granted which scopes to which application. */
export interface OAuthGrant {
  applicationId: string;
  userId: string;
  scopes: string[];
  /** ms epoch */
  expiresAt: number;
  refreshToken: string;
}

interface PendingCode {
  applicationId: string;
  userId: string;
  scopes: string[];
  redirectUri: string;
  guildId?: string;
  expiresAt: number;
}

/** The token endpoint's answer. */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
  scope: string;
}

/** Why an exchange failed, as Discord's OAuth2 error strings. */
export class OAuthError extends Error {
  override name = 'OAuthError';
  constructor(
    readonly error: 'invalid_grant' | 'invalid_client' | 'invalid_request' | 'unsupported_grant_type' | 'invalid_scope',
    readonly status = 400,
    description?: string,
  ) {
    super(description ?? error);
  }
}

const CODE_TTL_MS = 10 * 60_000;
const token = (): string => randomBytes(24).toString('base64url');

/** Authorization codes, access and refresh tokens. Refresh tokens rotate: an old one is invalid once used. */
export class OAuthStore {
  private readonly codes = new Map<string, PendingCode>();
  private readonly access = new Map<string, OAuthGrant>();
  private readonly refresh = new Map<string, string>();

  constructor(
    private readonly accessTtlSec = 604_800,
    private readonly now: () => number = Date.now,
  ) {}

  /** Issues a one-use code after the consent page. */
  issueCode(p: Omit<PendingCode, 'expiresAt'>): string {
    const code = token();
    this.codes.set(code, { ...p, expiresAt: this.now() + CODE_TTL_MS });
    return code;
  }

  /** `grant_type=authorization_code`: the code must be fresh, for this client and this redirect URI. */
  exchangeCode(applicationId: string, code: string, redirectUri: string | undefined): TokenResponse & { guildId?: string } {
    const p = this.codes.get(code);
    this.codes.delete(code);
    if (!p || p.expiresAt < this.now() || p.applicationId !== applicationId) throw new OAuthError('invalid_grant', 400, 'Invalid "code" in request.');
    if (redirectUri !== p.redirectUri) throw new OAuthError('invalid_grant', 400, 'Invalid "redirect_uri" in request.');
    return { ...this.grant(p.applicationId, p.userId, p.scopes), ...(p.guildId ? { guildId: p.guildId } : {}) };
  }

  /** `grant_type=refresh_token`: rotates the pair; the old access token stops working too. */
  refreshGrant(applicationId: string, refreshToken: string): TokenResponse {
    const at = this.refresh.get(refreshToken);
    const g = at ? this.access.get(at) : undefined;
    if (!at || !g || g.applicationId !== applicationId) throw new OAuthError('invalid_grant', 400, 'Invalid "refresh_token" in request.');
    this.refresh.delete(refreshToken);
    this.access.delete(at);
    return this.grant(g.applicationId, g.userId, g.scopes);
  }

  /** The live grant behind an access token. */
  byAccessToken(accessToken: string): OAuthGrant | undefined {
    const g = this.access.get(accessToken);
    if (!g) return undefined;
    if (g.expiresAt < this.now()) {
      this.access.delete(accessToken);
      return undefined;
    }
    return g;
  }

  /** Revokes an access or refresh token (and its pair). */
  revoke(t: string): void {
    const g = this.access.get(t);
    if (g) {
      this.refresh.delete(g.refreshToken);
      this.access.delete(t);
      return;
    }
    const at = this.refresh.get(t);
    if (at) {
      this.refresh.delete(t);
      this.access.delete(at);
    }
  }

  /** Test helper: a token for a user without the browser flow. */
  grant(applicationId: string, userId: string, scopes: string[]): TokenResponse {
    const accessToken = token();
    const refreshToken = token();
    this.access.set(accessToken, { applicationId, userId, scopes, refreshToken, expiresAt: this.now() + this.accessTtlSec * 1000 });
    this.refresh.set(refreshToken, accessToken);
    return { access_token: accessToken, token_type: 'Bearer', expires_in: this.accessTtlSec, refresh_token: refreshToken, scope: scopes.join(' ') };
  }
}
