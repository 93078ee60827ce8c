import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash, timingSafeEqual } from 'node:crypto';
import { keepsASignInMethod, signInFactsOf } from '../account/sign-in-methods.js';
import { AuditService } from '../audit/audit.service.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { AllConfig } from '../config/app-config.js';
import { LogtoManagementGateway } from '../logto/logto-management.gateway.js';
import type { LogtoConnector, LogtoSocialIdentity } from '../logto/logto.types.js';
import { ReferenceDataCache } from '../reference-data/reference-data.cache.js';
import { SharedStore } from '../store/shared-store.js';
import { UserLockService } from '../store/user-lock.service.js';
import { StepUpService } from '../verification/step-up.service.js';
import type { LinkSocialIdentityRequestDto, SocialAuthorizationUriRequestDto } from './dto/identities-request.dto.js';
import {
  toSocialIdentityDto,
  toSsoIdentityDto,
  type IdentitiesDto,
  type SocialAuthorizationUriDto,
  type SocialIdentityDto,
} from './dto/identities-response.dto.js';

/** How long a linking flow may take, from the authorization URI to the link: a sign-in at the provider. */
export const SOCIAL_LINK_STATE_TTL_MS = 10 * 60_000;

/** The flow a user started at authorization-uri: one per user, the newest replaces the previous one. */
interface PendingSocialLink {
  /** SHA-256 of the OAuth `state` (base64url): what was issued is compared, not kept. */
  stateHash: string;
  connectorId: string;
  redirectUri: string;
}

const pendingLinkKey = (userId: string) => `social-link:${userId}`;
const hashState = (state: string) => createHash('sha256').update(state).digest('base64url');

/**
 * Social identities are linked and unlinked through the Management API (POST/DELETE
 * /api/users/{id}/identities); enterprise SSO identities are only listed, because that API has no way to link
 * or unlink them.
 */
@Injectable()
export class IdentitiesService {
  private readonly socialRedirectUris: ReadonlySet<string>;

  constructor(
    config: ConfigService<AllConfig, true>,
    private readonly logto: LogtoManagementGateway,
    private readonly stepUp: StepUpService,
    private readonly locks: UserLockService,
    private readonly audit: AuditService,
    private readonly store: SharedStore,
    private readonly reference: ReferenceDataCache,
  ) {
    this.socialRedirectUris = new Set(config.get('account', { infer: true }).socialRedirectUris);
  }

  async list(userId: string): Promise<IdentitiesDto> {
    const [identities, connectors] = await Promise.all([this.logto.getAllIdentities(userId), this.reference.connectors()]);
    const connectorIdByTarget = new Map<string, string>();
    for (const connector of connectors) {
      if (connector.type === 'Social' && !connectorIdByTarget.has(connector.target)) connectorIdByTarget.set(connector.target, connector.id);
    }
    return {
      social: identities.socialIdentities.map(({ target, identity }) => toSocialIdentityDto(target, identity, connectorIdByTarget.get(target))),
      sso: identities.ssoIdentities.map(toSsoIdentityDto),
    };
  }

  async createAuthorizationUri(userId: string, request: SocialAuthorizationUriRequestDto): Promise<SocialAuthorizationUriDto> {
    this.checkRedirectUri(request.redirectUri);
    const authorizationUri = await this.logto.createSocialAuthorizationUri(request.connectorId, {
      redirectUri: request.redirectUri,
      state: request.state,
    });
    // Logto does not check `state` for links made through its Management API (the connector gets no session),
    // so the service binds the flow to the user here and checks it at linking.
    const pending: PendingSocialLink = { stateHash: hashState(request.state), connectorId: request.connectorId, redirectUri: request.redirectUri };
    await this.store.set(pendingLinkKey(userId), pending, SOCIAL_LINK_STATE_TTL_MS);
    return { authorizationUri };
  }

  async linkSocial(userId: string, request: LinkSocialIdentityRequestDto, verificationId: string | undefined): Promise<SocialIdentityDto> {
    // The connector decides the target the identity is stored under; knowing it first also answers an unknown
    // connector with 404 before asking the user to verify for something that cannot succeed.
    const connector = await this.socialConnector(request.connectorId);
    const { state, redirectUri } = request.connectorData;
    // The connector exchanges the code with this redirect URI: the same open-redirect rule as at the start.
    if (redirectUri !== undefined) this.checkRedirectUri(redirectUri);
    await this.stepUp.require(userId, verificationId);
    await this.takePendingLink(userId, connector.id, state, redirectUri);
    // Logto replaces an identity already linked under the same target (POST /api/users/{id}/identities).
    const identities = await this.locks.withUserLock(userId, () =>
      this.logto.linkSocialIdentity(userId, connector.id, request.connectorData),
    );
    const linked = identities[connector.target] as LogtoSocialIdentity | undefined;
    if (typeof linked?.userId !== 'string') {
      throw new DomainError('upstream.bad_response', 'Logto did not return the linked identity.', {
        cause: `no identity under target ${connector.target}`,
      });
    }
    await this.audit.record('identity.linked', userId, { target: connector.target });
    return toSocialIdentityDto(connector.target, linked, connector.id);
  }

  async unlinkSocial(userId: string, target: string, verificationId: string | undefined): Promise<void> {
    // Under the user lock: two concurrent unlinks must not each see the other's identity as the way left.
    await this.locks.withUserLock(userId, async () => {
      const user = await this.logto.getUser(userId);
      if (!Object.hasOwn(user.identities ?? {}, target)) {
        throw new DomainError('identity.not_found', `No ${target} identity is linked to this account.`);
      }
      if (!keepsASignInMethod(signInFactsOf(user), { remove: 'social', target })) {
        throw new DomainError(
          'account.last_sign_in_method',
          'This identity is the only way to sign in to the account. Add a password, an email, a phone number or another identity first.',
        );
      }
      await this.stepUp.require(userId, verificationId, user);
      await this.logto.unlinkSocialIdentity(userId, target);
    });
    await this.audit.record('identity.unlinked', userId, { target });
  }

  private checkRedirectUri(redirectUri: unknown): void {
    // An open redirect otherwise: the provider would send the user, and the code, wherever the caller says.
    if (typeof redirectUri !== 'string' || !this.socialRedirectUris.has(redirectUri)) {
      throw new DomainError('identity.redirect_uri_not_allowed', 'redirectUri is not one of the redirect URIs this service allows.');
    }
  }

  /**
   * Uses up the caller's pending flow if `state` is the one issued to this user for this connector (and the
   * redirect URI, when sent, the one the flow started with); otherwise 400 and the flow is left as it was.
   * Single use across instances: of two concurrent links with one state, only one deletes the record.
   */
  private async takePendingLink(userId: string, connectorId: string, state: unknown, redirectUri: unknown): Promise<void> {
    const key = pendingLinkKey(userId);
    const pending = await this.store.get<PendingSocialLink>(key);
    const invalid = () =>
      new DomainError(
        'identity.state_invalid',
        'connectorData.state is not the state of the linking flow this account started (it expired, was used, or was replaced by a newer flow). Start again at POST /me/identities/social/authorization-uri.',
      );
    if (!pending || typeof state !== 'string' || !sameHash(pending.stateHash, hashState(state)) || pending.connectorId !== connectorId) throw invalid();
    if (redirectUri !== undefined && redirectUri !== pending.redirectUri) {
      throw new DomainError('identity.redirect_uri_not_allowed', 'redirectUri is not the redirect URI this linking flow started with.');
    }
    if (!(await this.store.deleteIfEquals(key, pending))) throw invalid();
  }

  private async socialConnector(connectorId: string): Promise<LogtoConnector> {
    const byId = (candidate: LogtoConnector) => candidate.id === connectorId;
    // An id the cached list lacks may be a connector added since it was read: one fresh read before a 404.
    const connector = (await this.reference.connectors()).find(byId) ?? (await this.reference.refreshConnectors()).find(byId);
    if (!connector || connector.type !== 'Social') {
      throw new DomainError('connector.not_found', 'No social connector has this id.');
    }
    return connector;
  }
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
