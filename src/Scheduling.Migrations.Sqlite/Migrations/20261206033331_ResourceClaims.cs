using System;

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scheduling.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ResourceClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "RecoveryEndsUtc",
                table: "Bookings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ProcedureRequirements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequiresPhysician = table.Column<bool>(type: "INTEGER", nullable: false),
                    RequiresSedationNurse = table.Column<bool>(type: "INTEGER", nullable: false),
                    RequiresRecoveryBay = table.Column<bool>(type: "INTEGER", nullable: false),
                    RecoveryMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProcedureRequirements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Resources",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Resources", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CapacityHolds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SlotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReferralId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PhysicianId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SedationNurseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecoveryUnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    HeldBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    BookingId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CapacityHolds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CapacityHolds_Bookings_BookingId",
                        column: x => x.BookingId,
                        principalTable: "Bookings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CapacityHolds_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CapacityHolds_Resources_PhysicianId",
                        column: x => x.PhysicianId,
                        principalTable: "Resources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CapacityHolds_Resources_RecoveryUnitId",
                        column: x => x.RecoveryUnitId,
                        principalTable: "Resources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CapacityHolds_Resources_SedationNurseId",
                        column: x => x.SedationNurseId,
                        principalTable: "Resources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CapacityHolds_Slots_SlotId",
                        column: x => x.SlotId,
                        principalTable: "Slots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Unavailabilities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResourceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FirstUnit = table.Column<int>(type: "INTEGER", nullable: false),
                    EndUnit = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SeriesId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Unavailabilities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Unavailabilities_Resources_ResourceId",
                        column: x => x.ResourceId,
                        principalTable: "Resources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WeeklyHours",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResourceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Weekday = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    From = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    To = table.Column<TimeOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WeeklyHours", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WeeklyHours_Resources_ResourceId",
                        column: x => x.ResourceId,
                        principalTable: "Resources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ResourceClaims",
                columns: table => new
                {
                    ResourceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Unit = table.Column<int>(type: "INTEGER", nullable: false),
                    Seat = table.Column<int>(type: "INTEGER", nullable: false),
                    BookingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    HoldId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResourceClaims", x => new { x.ResourceId, x.Unit, x.Seat });
                    table.CheckConstraint("CK_ResourceClaims_OneOwner", "(CASE WHEN \"BookingId\" IS NULL THEN 0 ELSE 1 END) + (CASE WHEN \"HoldId\" IS NULL THEN 0 ELSE 1 END) = 1");
                    table.ForeignKey(
                        name: "FK_ResourceClaims_Bookings_BookingId",
                        column: x => x.BookingId,
                        principalTable: "Bookings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ResourceClaims_CapacityHolds_HoldId",
                        column: x => x.HoldId,
                        principalTable: "CapacityHolds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ResourceClaims_Resources_ResourceId",
                        column: x => x.ResourceId,
                        principalTable: "Resources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CapacityHolds_BookingId",
                table: "CapacityHolds",
                column: "BookingId");

            migrationBuilder.CreateIndex(
                name: "IX_CapacityHolds_ExpiresAtUtc",
                table: "CapacityHolds",
                column: "ExpiresAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_CapacityHolds_PhysicianId",
                table: "CapacityHolds",
                column: "PhysicianId");

            migrationBuilder.CreateIndex(
                name: "IX_CapacityHolds_RecoveryUnitId",
                table: "CapacityHolds",
                column: "RecoveryUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_CapacityHolds_ReferralId",
                table: "CapacityHolds",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_CapacityHolds_SedationNurseId",
                table: "CapacityHolds",
                column: "SedationNurseId");

            migrationBuilder.CreateIndex(
                name: "IX_CapacityHolds_SlotId",
                table: "CapacityHolds",
                column: "SlotId");

            migrationBuilder.CreateIndex(
                name: "IX_ResourceClaims_BookingId",
                table: "ResourceClaims",
                column: "BookingId");

            migrationBuilder.CreateIndex(
                name: "IX_ResourceClaims_HoldId",
                table: "ResourceClaims",
                column: "HoldId");

            migrationBuilder.CreateIndex(
                name: "IX_ResourceClaims_Unit",
                table: "ResourceClaims",
                columns: new[] { "Unit", "ResourceId", "Seat", "ExpiresAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Resources_Kind_NormalizedName",
                table: "Resources",
                columns: new[] { "Kind", "NormalizedName" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Resources_Kind_UserId",
                table: "Resources",
                columns: new[] { "Kind", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Unavailabilities_EndUnit_FirstUnit",
                table: "Unavailabilities",
                columns: new[] { "EndUnit", "FirstUnit" });

            migrationBuilder.CreateIndex(
                name: "IX_Unavailabilities_ResourceId_StartUtc",
                table: "Unavailabilities",
                columns: new[] { "ResourceId", "StartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Unavailabilities_SeriesId",
                table: "Unavailabilities",
                column: "SeriesId");

            migrationBuilder.CreateIndex(
                name: "IX_WeeklyHours_ResourceId_Weekday",
                table: "WeeklyHours",
                columns: new[] { "ResourceId", "Weekday" },
                unique: true);

            // A column with REFERENCES is added in place; AddForeignKey would rebuild Bookings on SQLite.
            migrationBuilder.Sql("ALTER TABLE \"Bookings\" ADD COLUMN \"PhysicianId\" TEXT NULL REFERENCES \"Resources\" (\"Id\") ON DELETE RESTRICT;");

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_PhysicianId",
                table: "Bookings",
                column: "PhysicianId");

            // A column with REFERENCES is added in place; AddForeignKey would rebuild Bookings on SQLite.
            migrationBuilder.Sql("ALTER TABLE \"Bookings\" ADD COLUMN \"RecoveryUnitId\" TEXT NULL REFERENCES \"Resources\" (\"Id\") ON DELETE RESTRICT;");

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_RecoveryUnitId",
                table: "Bookings",
                column: "RecoveryUnitId");

            // A column with REFERENCES is added in place; AddForeignKey would rebuild Bookings on SQLite.
            migrationBuilder.Sql("ALTER TABLE \"Bookings\" ADD COLUMN \"SedationNurseId\" TEXT NULL REFERENCES \"Resources\" (\"Id\") ON DELETE RESTRICT;");

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_SedationNurseId",
                table: "Bookings",
                column: "SedationNurseId");

            // Existing data (rule stated in db/README.md): every room gets its resource row; a practice with
            // slots gets one recovery unit, "Recovery bays", open every day, with as many bays as its room
            // schedule can have patients in recovery at once (so nothing bookable before is refused for want
            // of a bay until the admin enters the real number, which then lists the bookings it hits); every
            // pending, confirmed or completed booking claims its room for the procedure and a bay for the
            // default 4-hour recovery, in the order of their start, and no physician until one is assigned.
            // A no-show or cancelled booking claims nothing.
            migrationBuilder.Sql("""
                INSERT INTO "Resources" ("Id", "Kind", "Name", "NormalizedName", "Capacity", "IsActive", "UserId", "CreatedAtUtc")
                SELECT "Id", 'Room', "Name", "NormalizedName", 1, 1, NULL, "CreatedAtUtc" FROM "Rooms";
                """);
            migrationBuilder.Sql("""
                WITH "n" ("i") AS (VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9),(10),(11),(12),(13),(14),(15)),
                "windows" AS (
                    SELECT CAST(strftime('%s', "EndUtc") AS INTEGER) / 1800 AS "First",
                           (CAST(strftime('%s', "EndUtc") AS INTEGER) + 14400 + 1799) / 1800 AS "End"
                    FROM "Slots"),
                "load" AS (
                    SELECT w."First" + n."i" AS "Unit", COUNT(*) AS "Patients"
                    FROM "windows" AS w INNER JOIN "n" AS n ON w."First" + n."i" < w."End"
                    GROUP BY w."First" + n."i")
                INSERT INTO "Resources" ("Id", "Kind", "Name", "NormalizedName", "Capacity", "IsActive", "UserId", "CreatedAtUtc")
                SELECT '5AC3E0DE-7ACE-4000-8000-000000000002', 'RecoveryUnit', 'Recovery bays', 'RECOVERY BAYS', m."Bays", 1, NULL, strftime('%Y-%m-%d %H:%M:%S', 'now')
                FROM (SELECT MAX("Patients") AS "Bays" FROM "load") AS m
                WHERE m."Bays" IS NOT NULL;
                """);
            migrationBuilder.Sql("""
                WITH "d" ("Weekday", "Id") AS (VALUES ('Monday', '5AC3E0DE-7ACE-4000-8000-000000000010'), ('Tuesday', '5AC3E0DE-7ACE-4000-8000-000000000011'), ('Wednesday', '5AC3E0DE-7ACE-4000-8000-000000000012'), ('Thursday', '5AC3E0DE-7ACE-4000-8000-000000000013'), ('Friday', '5AC3E0DE-7ACE-4000-8000-000000000014'), ('Saturday', '5AC3E0DE-7ACE-4000-8000-000000000015'), ('Sunday', '5AC3E0DE-7ACE-4000-8000-000000000016'))
                INSERT INTO "WeeklyHours" ("Id", "ResourceId", "Weekday", "From", "To")
                SELECT d."Id", r."Id", d."Weekday", '00:00:00', '23:59:00'
                FROM "Resources" AS r CROSS JOIN "d" AS d
                WHERE r."Id" = '5AC3E0DE-7ACE-4000-8000-000000000002';
                """);
            migrationBuilder.Sql("""
                WITH "n" ("i") AS (VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9),(10),(11),(12),(13),(14),(15)),
                "held" AS (
                    SELECT b."Id" AS "BookingId", s."RoomId", s."StartUtc",
                           CAST(strftime('%s', s."StartUtc") AS INTEGER) / 1800 AS "First",
                           (CAST(strftime('%s', s."EndUtc") AS INTEGER) + 1799) / 1800 AS "End"
                    FROM "Bookings" AS b INNER JOIN "Slots" AS s ON s."Id" = b."SlotId"
                    WHERE b."Status" IN ('PendingConfirmation', 'Confirmed', 'Completed')),
                "units" AS (
                    SELECT h."BookingId", h."RoomId", h."StartUtc", h."First" + n."i" AS "Unit"
                    FROM "held" AS h INNER JOIN "n" AS n ON h."First" + n."i" < h."End")
                INSERT INTO "ResourceClaims" ("ResourceId", "Unit", "Seat", "BookingId", "HoldId", "ExpiresAtUtc")
                SELECT "RoomId", "Unit", ROW_NUMBER() OVER (PARTITION BY "RoomId", "Unit" ORDER BY "StartUtc", "BookingId") - 1, "BookingId", NULL, NULL
                FROM "units";
                """);
            migrationBuilder.Sql("""
                WITH "n" ("i") AS (VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9),(10),(11),(12),(13),(14),(15)),
                "held" AS (
                    SELECT b."Id" AS "BookingId", s."StartUtc",
                           CAST(strftime('%s', s."EndUtc") AS INTEGER) / 1800 AS "First",
                           (CAST(strftime('%s', s."EndUtc") AS INTEGER) + 14400 + 1799) / 1800 AS "End"
                    FROM "Bookings" AS b INNER JOIN "Slots" AS s ON s."Id" = b."SlotId"
                    WHERE b."Status" IN ('PendingConfirmation', 'Confirmed', 'Completed')),
                "units" AS (
                    SELECT h."BookingId", h."StartUtc", h."First" + n."i" AS "Unit"
                    FROM "held" AS h INNER JOIN "n" AS n ON h."First" + n."i" < h."End")
                INSERT INTO "ResourceClaims" ("ResourceId", "Unit", "Seat", "BookingId", "HoldId", "ExpiresAtUtc")
                SELECT '5AC3E0DE-7ACE-4000-8000-000000000002', "Unit", ROW_NUMBER() OVER (PARTITION BY "Unit" ORDER BY "StartUtc", "BookingId") - 1, "BookingId", NULL, NULL
                FROM "units"
                WHERE EXISTS (SELECT 1 FROM "Resources" WHERE "Id" = '5AC3E0DE-7ACE-4000-8000-000000000002');
                """);
            migrationBuilder.Sql("""
                UPDATE "Bookings"
                SET "RecoveryUnitId" = '5AC3E0DE-7ACE-4000-8000-000000000002',
                    "RecoveryEndsUtc" = (SELECT strftime('%Y-%m-%d %H:%M:%S', s."EndUtc", '+240 minutes') FROM "Slots" AS s WHERE s."Id" = "Bookings"."SlotId")
                WHERE "Status" IN ('PendingConfirmation', 'Confirmed', 'Completed') AND EXISTS (SELECT 1 FROM "Resources" WHERE "Id" = '5AC3E0DE-7ACE-4000-8000-000000000002');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Bookings_Resources_PhysicianId",
                table: "Bookings");

            migrationBuilder.DropForeignKey(
                name: "FK_Bookings_Resources_RecoveryUnitId",
                table: "Bookings");

            migrationBuilder.DropForeignKey(
                name: "FK_Bookings_Resources_SedationNurseId",
                table: "Bookings");

            migrationBuilder.DropTable(
                name: "ProcedureRequirements");

            migrationBuilder.DropTable(
                name: "ResourceClaims");

            migrationBuilder.DropTable(
                name: "Unavailabilities");

            migrationBuilder.DropTable(
                name: "WeeklyHours");

            migrationBuilder.DropTable(
                name: "CapacityHolds");

            migrationBuilder.DropTable(
                name: "Resources");

            migrationBuilder.DropIndex(
                name: "IX_Bookings_PhysicianId",
                table: "Bookings");

            migrationBuilder.DropIndex(
                name: "IX_Bookings_RecoveryUnitId",
                table: "Bookings");

            migrationBuilder.DropIndex(
                name: "IX_Bookings_SedationNurseId",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "PhysicianId",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "RecoveryEndsUtc",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "RecoveryUnitId",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "SedationNurseId",
                table: "Bookings");
        }
    }
}
