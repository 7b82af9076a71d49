using Microsoft.EntityFrameworkCore.Migrations;

using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Scheduling.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AuditRecordSets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RecordSetKey",
                table: "AuditEntries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuditRecordSets",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditRecordSets", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "AuditRecordSetMembers",
                columns: table => new
                {
                    EntityType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EntityId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SetKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditRecordSetMembers", x => new { x.SetKey, x.EntityType, x.EntityId });
                    table.ForeignKey(
                        name: "FK_AuditRecordSetMembers_AuditRecordSets_SetKey",
                        column: x => x.SetKey,
                        principalTable: "AuditRecordSets",
                        principalColumn: "Key",
                        onDelete: ReferentialAction.Cascade);
                });

            // Lines written before sets existed keep exactly the records they showed: each becomes
            // a set of its own, keyed "entry-{line id}" (never a SHA-256 in hex, so never a clash).
            migrationBuilder.Sql("""
                INSERT INTO "AuditRecordSets" ("Key", "Count")
                SELECT 'entry-' || "AuditEntryId", COUNT(*) FROM "AuditEntryRecords" GROUP BY "AuditEntryId";
                """);
            migrationBuilder.Sql("""
                INSERT INTO "AuditRecordSetMembers" ("SetKey", "EntityType", "EntityId")
                SELECT 'entry-' || "AuditEntryId", "EntityType", "EntityId" FROM "AuditEntryRecords";
                """);
            migrationBuilder.Sql("""
                UPDATE "AuditEntries" SET "RecordSetKey" = 'entry-' || "Id"
                WHERE "Id" IN (SELECT "AuditEntryId" FROM "AuditEntryRecords");
                """);

            migrationBuilder.DropTable(
                name: "AuditEntryRecords");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_RecordSetKey",
                table: "AuditEntries",
                column: "RecordSetKey");

            migrationBuilder.CreateIndex(
                name: "IX_AuditRecordSetMembers_EntityId",
                table: "AuditRecordSetMembers",
                column: "EntityId");

            migrationBuilder.AddForeignKey(
                name: "FK_AuditEntries_AuditRecordSets_RecordSetKey",
                table: "AuditEntries",
                column: "RecordSetKey",
                principalTable: "AuditRecordSets",
                principalColumn: "Key",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditEntryRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AuditEntryId = table.Column<long>(type: "bigint", nullable: false),
                    EntityId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EntityType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntryRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AuditEntryRecords_AuditEntries_AuditEntryId",
                        column: x => x.AuditEntryId,
                        principalTable: "AuditEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntryRecords_AuditEntryId",
                table: "AuditEntryRecords",
                column: "AuditEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntryRecords_EntityId",
                table: "AuditEntryRecords",
                column: "EntityId");

            migrationBuilder.Sql("""
                INSERT INTO "AuditEntryRecords" ("AuditEntryId", "EntityType", "EntityId")
                SELECT e."Id", m."EntityType", m."EntityId"
                FROM "AuditEntries" AS e INNER JOIN "AuditRecordSetMembers" AS m ON m."SetKey" = e."RecordSetKey";
                """);

            migrationBuilder.DropForeignKey(
                name: "FK_AuditEntries_AuditRecordSets_RecordSetKey",
                table: "AuditEntries");

            migrationBuilder.DropTable(
                name: "AuditRecordSetMembers");

            migrationBuilder.DropTable(
                name: "AuditRecordSets");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_RecordSetKey",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "RecordSetKey",
                table: "AuditEntries");
        }
    }
}
