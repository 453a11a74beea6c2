import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written (a trigger is nothing TypeORM generates): every change of the data version is
 * announced on the channel `gongkai_data_version` with the new counter as payload. PostgreSQL
 * delivers it when the changing transaction commits, so a listener never hears of a version
 * before its numbers are visible. Never edit once landed.
 */
export class DataVersionNotify1796037385534 implements MigrationInterface {
  name = 'DataVersionNotify1796037385534';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION "data_version_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_notify('gongkai_data_version', NEW.published::text);
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      'CREATE TRIGGER "data_version_notify" AFTER INSERT OR UPDATE OF "published" ON "data_version" FOR EACH ROW EXECUTE FUNCTION "data_version_notify"()',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER "data_version_notify" ON "data_version"');
    await queryRunner.query('DROP FUNCTION "data_version_notify"()');
  }
}
