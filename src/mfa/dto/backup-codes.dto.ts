import { ApiProperty } from '@nestjs/swagger';

/** A fresh set of backup codes. Shown once: the service keeps no copy and cannot show them again. */
export class BackupCodesDto {
  /** Ten single-use codes (10 lowercase hex characters each). */
  @ApiProperty({ example: ['3f9a1c07be', '91d2e4a0c3', 'a7b6c5d4e3', '0f1e2d3c4b', '5a6b7c8d9e', 'b1c2d3e4f5', '6f7e8d9cab', 'c0ffee1234', 'deadbeef01', '8badf00d77'] })
  codes!: string[];
}

/** How many backup codes the account has, never the codes. */
export class BackupCodesStatusDto {
  /** Codes in the current set (0 when there is none). */
  @ApiProperty({ example: 10 })
  total!: number;

  /** Codes not used yet. */
  @ApiProperty({ example: 7 })
  remaining!: number;
}
