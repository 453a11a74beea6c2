import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand: TypeORM does not model column storage, so the generator cannot produce this.
 * Report files and their canonical data are stored out of line without pglz compression: pglz
 * was ~40 % of the bulk path's database time (docs/adr/0004-bulk-load-and-throughput.md). The
 * embedded PostgreSQL has no lz4. Existing rows keep their storage until rewritten.
 */
export class UncompressedFiles1795775471618 implements MigrationInterface {
  name = 'UncompressedFiles1795775471618';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "report_version" ALTER COLUMN "content" SET STORAGE EXTERNAL');
    await queryRunner.query('ALTER TABLE "report_version" ALTER COLUMN "data" SET STORAGE EXTERNAL');
    await queryRunner.query('ALTER TABLE "report_version" ALTER COLUMN "provenance" SET STORAGE EXTERNAL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "report_version" ALTER COLUMN "provenance" SET STORAGE EXTENDED');
    await queryRunner.query('ALTER TABLE "report_version" ALTER COLUMN "data" SET STORAGE EXTENDED');
    await queryRunner.query('ALTER TABLE "report_version" ALTER COLUMN "content" SET STORAGE EXTENDED');
  }
}
