import type { AuditService } from '../audit/audit.service.js';
import { ManualClock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { ErrorCode } from '../common/errors/error-codes.js';
import type { LogtoManagementGateway } from '../logto/logto-management.gateway.js';
import type { LogtoMfaType, LogtoMfaVerification } from '../logto/logto.types.js';
import { MfaService } from './mfa.service.js';
import { MemoryStore } from '../store/memory-store.js';
import { UserLockService } from '../store/user-lock.service.js';
import type { StepUpService } from '../verification/step-up.service.js';

/**
 * The failures the emulator cannot stage: Logto did the work but the answer never arrived (the emulator drops
 * a request whose client gave up before its body was read; real Logto commits it). A fake of the gateway's MFA
 * methods, with Logto's rules for backup code sets (07-mfa-create-backup-code-*), through DI.
 */
class FakeLogtoMfa {
  factors: Array<{ id: string; type: LogtoMfaType; codes?: string[] }> = [{ id: 'totp1', type: 'Totp' }];
  private nextId = 1;
  /** Per call, in order: 'ok', a code to fail with before doing anything, or 'done-then-timeout'. */
  createPlan: Array<'ok' | 'done-then-timeout' | ErrorCode> = [];
  deletePlan: Array<'ok' | 'done-then-timeout' | ErrorCode> = [];
  calls: string[] = [];

  async listMfaVerifications(): Promise<LogtoMfaVerification[]> {
    return this.factors.map(({ id, type, codes }) => ({ id, type, createdAt: '2026-11-22T03:51:27.349Z', ...(codes ? { remainCodes: codes.length } : {}) }));
  }

  async deleteMfaVerification(_userId: string, id: string): Promise<void> {
    this.calls.push(`delete ${id}`);
    const step = this.deletePlan.shift() ?? 'ok';
    if (step !== 'ok' && step !== 'done-then-timeout') throw new DomainError(step);
    const index = this.factors.findIndex((factor) => factor.id === id);
    if (index === -1) throw new DomainError('mfa.not_found');
    this.factors.splice(index, 1);
    if (step === 'done-then-timeout') throw new DomainError('upstream.timeout');
  }

  async createBackupCodes(_userId: string, codes?: string[]): Promise<string[]> {
    this.calls.push('create');
    const step = this.createPlan.shift() ?? 'ok';
    if (step !== 'ok' && step !== 'done-then-timeout') throw new DomainError(step);
    if (this.factors.some((factor) => factor.type === 'BackupCode')) throw new DomainError('mfa.backup_codes_exist');
    this.factors.push({ id: `backup${this.nextId++}`, type: 'BackupCode', codes: codes! });
    if (step === 'done-then-timeout') throw new DomainError('upstream.timeout');
    return codes!;
  }
}

function setup() {
  const logto = new FakeLogtoMfa();
  logto.factors.push({ id: 'backup0', type: 'BackupCode', codes: ['0000000000'] });
  const stepUp = { require: async () => ({}), revokeAll: async () => undefined } as unknown as StepUpService;
  const service = new MfaService(
    logto as unknown as LogtoManagementGateway,
    stepUp,
    new UserLockService(new MemoryStore(new ManualClock())),
    { record: async () => undefined } as unknown as AuditService,
  );
  const backupSets = () => logto.factors.filter((factor) => factor.type === 'BackupCode');
  return { logto, service, backupSets };
}

describe('backup code replacement when Logto answers unclearly', () => {
  it('returns the codes Logto stored when the answer to the store was lost', async () => {
    const { logto, service, backupSets } = setup();
    logto.createPlan = ['done-then-timeout'];
    const { codes } = await service.regenerateBackupCodes('u1', 'vid');
    expect(backupSets()).toEqual([expect.objectContaining({ codes })]);
    expect(logto.calls).toEqual(['delete backup0', 'create', 'create']);
  });

  it('goes on when the old set was deleted but the answer to the delete was lost', async () => {
    const { logto, service, backupSets } = setup();
    logto.deletePlan = ['done-then-timeout'];
    const { codes } = await service.regenerateBackupCodes('u1', 'vid');
    expect(backupSets()).toEqual([expect.objectContaining({ codes })]);
  });

  it('stops, with the old set intact, when the delete fails and the set is still there', async () => {
    const { logto, service, backupSets } = setup();
    logto.deletePlan = ['upstream.timeout'];
    await expect(service.regenerateBackupCodes('u1', 'vid')).rejects.toMatchObject({ code: 'upstream.timeout' });
    expect(backupSets()).toEqual([expect.objectContaining({ id: 'backup0' })]);
    expect(logto.calls).toEqual(['delete backup0']);
  });

  it('does not claim a set bound by someone else on the first try as its own', async () => {
    const { logto, service } = setup();
    logto.createPlan = ['mfa.backup_codes_exist'];
    await expect(service.regenerateBackupCodes('u1', 'vid')).rejects.toMatchObject({ code: 'mfa.backup_codes_exist' });
  });

  it('does not retry what retrying cannot fix', async () => {
    const { logto, service } = setup();
    logto.createPlan = ['upstream.rejected'];
    await expect(service.regenerateBackupCodes('u1', 'vid')).rejects.toMatchObject({
      code: 'upstream.rejected',
      extensions: { backupCodesRemoved: true },
    });
    expect(logto.calls).toEqual(['delete backup0', 'create']);
  });
});
