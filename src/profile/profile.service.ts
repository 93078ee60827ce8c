import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { DomainError } from '../common/errors/domain-error.js';
import { etagMatches, etagOfValue } from '../common/http/etag.js';
import { LogtoManagementGateway } from '../logto/logto-management.gateway.js';
import type { LogtoUser, LogtoUserProfile } from '../logto/logto.types.js';
import { UserLockService } from '../store/user-lock.service.js';
import { StepUpService } from '../verification/step-up.service.js';
import { mapAccount, PROFILE_KEYS } from './account.mapper.js';
import { CustomDataPolicy } from './custom-data.policy.js';
import type { AccountDto } from './dto/account.dto.js';
import type { UpdateAccountDto } from './dto/update-account.dto.js';
import type { UpdateAddressDto, UpdateProfileDto } from './dto/update-profile.dto.js';

export interface Preconditions {
  /** The If-Match header, if any: the change applies only to that representation. */
  ifMatch?: string;
  /** The Verification-Id header, for changes of sign-in identifiers. */
  verificationId?: string;
}

@Injectable()
export class ProfileService {
  constructor(
    private readonly logto: LogtoManagementGateway,
    private readonly customData: CustomDataPolicy,
    private readonly locks: UserLockService,
    private readonly stepUp: StepUpService,
    private readonly audit: AuditService,
  ) {}

  async getAccount(userId: string): Promise<AccountDto> {
    return this.accountOf(await this.logto.getUser(userId));
  }

  async updateAccount(userId: string, patch: UpdateAccountDto, pre: Preconditions): Promise<AccountDto> {
    return this.locks.withUserLock(userId, async () => {
      const user = await this.logto.getUser(userId);
      this.checkIfMatch(pre.ifMatch, this.accountOf(user));
      const usernameChanges = patch.username !== undefined && patch.username !== user.username;
      // The username is a sign-in identifier: changing it is a sensitive change.
      if (usernameChanges) await this.stepUp.require(userId, pre.verificationId, user);

      const update: { name?: string | null; avatar?: string | null; username?: string } = {};
      if (patch.name !== undefined) update.name = patch.name;
      if (patch.avatar !== undefined) update.avatar = patch.avatar;
      if (usernameChanges) update.username = patch.username;
      if (Object.keys(update).length === 0) return this.accountOf(user);

      const updated = await this.logto.updateUser(userId, update);
      if (usernameChanges) await this.audit.record('username.changed', userId);
      const profileFields = (['name', 'avatar'] as const).filter((field) => patch[field] !== undefined && patch[field] !== user[field]);
      if (profileFields.length > 0) await this.audit.record('profile.changed', userId, { fields: fieldList(profileFields) });
      return this.accountOf(updated);
    });
  }

  async updateProfile(userId: string, patch: UpdateProfileDto, pre: Preconditions): Promise<AccountDto> {
    return this.locks.withUserLock(userId, async () => {
      const user = await this.logto.getUser(userId);
      this.checkIfMatch(pre.ifMatch, this.accountOf(user));
      const { next, removesSomething, changed } = mergeProfile(user.profile ?? {}, patch);
      if (Object.keys(changed).length === 0 && !removesSomething) return this.accountOf(user);

      let updated: LogtoUser;
      if (removesSomething) {
        // Logto's PATCH /profile merges top-level claims and cannot remove one; PATCH /users/{id} with
        // `profile` replaces the whole profile. Only this path is used, under the per-user lock, and only when
        // the user removes a claim, so the window for clobbering a concurrent admin edit is the lock's.
        updated = await this.logto.updateUser(userId, { profile: next });
      } else {
        await this.logto.mergeProfile(userId, changed);
        updated = await this.logto.getUser(userId);
      }
      const before = user.profile ?? {};
      const fields = (Object.keys({ ...before, ...next }) as Array<keyof LogtoUserProfile>).filter(
        (key) => JSON.stringify(before[key]) !== JSON.stringify(next[key]),
      );
      if (fields.length > 0) await this.audit.record('profile.changed', userId, { fields: fieldList(fields) });
      return this.accountOf(updated);
    });
  }

  async getCustomData(userId: string): Promise<Record<string, unknown>> {
    return this.customData.visible(await this.logto.getCustomData(userId));
  }

  /** The user-visible part of the operator's custom-data schema; the same for every user. */
  customDataSchema(): Record<string, unknown> {
    return this.customData.userSchema();
  }

  async patchCustomData(userId: string, patch: unknown, pre: Preconditions): Promise<Record<string, unknown>> {
    return this.locks.withUserLock(userId, async () => {
      const current = await this.logto.getCustomData(userId);
      this.checkIfMatch(pre.ifMatch, this.customData.visible(current));
      const change = this.customData.plan(current, patch);
      if (Object.keys(change.changed).length === 0 && change.removed.length === 0) return change.visible;

      // Logto's PATCH custom-data merges TOP-LEVEL keys only and stores `null` as null; it cannot delete a key,
      // and PATCH /users/{id} with customData would replace the whole object, clobbering admin keys written
      // concurrently by someone else. So every write is a top-level merge of declared keys only: a changed key
      // is sent whole (nested objects merged here first), and a removed key is stored as `null`, which this
      // service shows as absent. Undeclared keys are never part of a write.
      const write: Record<string, unknown> = { ...change.changed };
      for (const key of change.removed) write[key] = null;
      const stored = await this.logto.mergeCustomData(userId, write);
      await this.audit.record('custom_data.changed', userId, { fields: fieldList(Object.keys(write)) });
      return this.customData.visible(stored);
    });
  }

  /** The account as its owner sees it: the one mapping every route that returns the account uses. */
  accountOf(user: LogtoUser): AccountDto {
    return mapAccount(user, this.customData.visible(user.customData ?? {}));
  }

  private checkIfMatch(ifMatch: string | undefined, representation: unknown): void {
    if (ifMatch === undefined) return;
    if (!etagMatches(ifMatch, etagOfValue(representation), { weak: false })) {
      throw new DomainError('precondition_failed', 'The resource changed since you read it (If-Match). Read it again and retry.');
    }
  }
}

/** The names of the fields a change touched, for its audit line: sorted, never their values. */
function fieldList(fields: readonly string[]): string {
  return [...fields].sort().join(',');
}

type ProfilePatchKey = (typeof PROFILE_KEYS)[number];

/** Applies a profile merge patch: absent = unchanged, null = removed; `address` merges field by field. */
export function mergeProfile(
  current: LogtoUserProfile,
  patch: UpdateProfileDto,
): { next: LogtoUserProfile; changed: LogtoUserProfile; removesSomething: boolean } {
  const next: LogtoUserProfile = { ...current };
  const changed: LogtoUserProfile = {};
  let removesSomething = false;
  for (const key of PROFILE_KEYS as readonly ProfilePatchKey[]) {
    const value = patch[key];
    if (value === undefined) continue;
    if (value === null) {
      if (next[key] !== undefined) removesSomething = true;
      delete next[key];
    } else if (next[key] !== value) {
      next[key] = value;
      changed[key] = value;
    }
  }
  if (patch.address === null) {
    if (next.address !== undefined) removesSomething = true;
    delete next.address;
  } else if (patch.address !== undefined) {
    const address: NonNullable<LogtoUserProfile['address']> = { ...(next.address ?? {}) };
    let addressChanged = false;
    for (const [key, value] of Object.entries(patch.address as UpdateAddressDto) as Array<[keyof UpdateAddressDto, string | null | undefined]>) {
      if (value === undefined) continue;
      if (value === null) {
        if (address[key] !== undefined) {
          delete address[key];
          addressChanged = true;
        }
      } else if (address[key] !== value) {
        address[key] = value;
        addressChanged = true;
      }
    }
    if (addressChanged) {
      // Logto replaces `address` as a whole (03-users-profile-patch-merge), so it is always sent complete.
      if (Object.keys(address).length === 0) {
        delete next.address;
        removesSomething = true;
      } else {
        next.address = address;
        changed.address = address;
      }
    }
  }
  return { next, changed, removesSomething };
}
