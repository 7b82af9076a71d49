using System;

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scheduling.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ResourceClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "PhysicianId",
                table: "Bookings",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RecoveryEndsUtc",
                table: "Bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RecoveryUnitId",
                table: "Bookings",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SedationNurseId",
                table: "Bookings",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ProcedureRequirements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RequiresPhysician = table.Column<bool>(type: "boolean", nullable: false),
                    RequiresSedationNurse = table.Column<bool>(type: "boolean", nullable: false),
                    RequiresRecoveryBay = table.Column<bool>(type: "boolean", nullable: false),
                    RecoveryMinutes = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProcedureRequirements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Resources",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NormalizedName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Resources", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CapacityHolds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SlotId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReferralId = table.Column<Guid>(type: "uuid", nullable: true),
                    PhysicianId = table.Column<Guid>(type: "uuid", nullable: true),
                    SedationNurseId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecoveryUnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    ExpiresAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    HeldBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    BookingId = table.Column<Guid>(type: "uuid", nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ResourceId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FirstUnit = table.Column<int>(type: "integer", nullable: false),
                    EndUnit = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SeriesId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ResourceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Weekday = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    From = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    To = table.Column<TimeOnly>(type: "time without time zone", nullable: false)
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
                    ResourceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Unit = table.Column<int>(type: "integer", nullable: false),
                    Seat = table.Column<int>(type: "integer", nullable: false),
                    BookingId = table.Column<Guid>(type: "uuid", nullable: true),
                    HoldId = table.Column<Guid>(type: "uuid", nullable: true),
                    ExpiresAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
                name: "IX_Bookings_PhysicianId",
                table: "Bookings",
                column: "PhysicianId");

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_RecoveryUnitId",
                table: "Bookings",
                column: "RecoveryUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_SedationNurseId",
                table: "Bookings",
                column: "SedationNurseId");

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

            migrationBuilder.AddForeignKey(
                name: "FK_Bookings_Resources_PhysicianId",
                table: "Bookings",
                column: "PhysicianId",
                principalTable: "Resources",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Bookings_Resources_RecoveryUnitId",
                table: "Bookings",
                column: "RecoveryUnitId",
                principalTable: "Resources",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Bookings_Resources_SedationNurseId",
                table: "Bookings",
                column: "SedationNurseId",
                principalTable: "Resources",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            // Existing data (rule stated in db/README.md): every room gets its resource row; a practice with
            // slots gets one recovery unit, "Recovery bays", open every day, with as many bays as its room
            // schedule can have patients in recovery at once (so nothing bookable before is refused for want
            // of a bay until the admin enters the real number, which then lists the bookings it hits); every
            // pending, confirmed or completed booking claims its room for the procedure and a bay for the
            // default 4-hour recovery, in the order of their start, and no physician until one is assigned.
            // A no-show or cancelled booking claims nothing.
            migrationBuilder.Sql("""
                INSERT INTO "Resources" ("Id", "Kind", "Name", "NormalizedName", "Capacity", "IsActive", "UserId", "CreatedAtUtc")
                SELECT "Id", 'Room', "Name", "NormalizedName", 1, TRUE, NULL, "CreatedAtUtc" FROM "Rooms";
                """);
            migrationBuilder.Sql("""
                WITH "windows" AS (
                    SELECT FLOOR(EXTRACT(EPOCH FROM "EndUtc") / 1800)::integer AS "First",
                           CEIL((EXTRACT(EPOCH FROM "EndUtc") + 14400) / 1800)::integer AS "End"
                    FROM "Slots"),
                "load" AS (
                    SELECT w."First" + n."i" AS "Unit", COUNT(*) AS "Patients"
                    FROM "windows" AS w INNER JOIN generate_series(0, 15) AS n ("i") ON w."First" + n."i" < w."End"
                    GROUP BY w."First" + n."i")
                INSERT INTO "Resources" ("Id", "Kind", "Name", "NormalizedName", "Capacity", "IsActive", "UserId", "CreatedAtUtc")
                SELECT '5ac3e0de-7ace-4000-8000-000000000002'::uuid, 'RecoveryUnit', 'Recovery bays', 'RECOVERY BAYS', m."Bays", TRUE, NULL, now()
                FROM (SELECT MAX("Patients")::integer AS "Bays" FROM "load") AS m
                WHERE m."Bays" IS NOT NULL;
                """);
            migrationBuilder.Sql("""
                INSERT INTO "WeeklyHours" ("Id", "ResourceId", "Weekday", "From", "To")
                SELECT d."Id", r."Id", d."Weekday", TIME '00:00:00', TIME '23:59:00'
                FROM "Resources" AS r CROSS JOIN (VALUES ('Monday', '5ac3e0de-7ace-4000-8000-000000000010'::uuid), ('Tuesday', '5ac3e0de-7ace-4000-8000-000000000011'::uuid), ('Wednesday', '5ac3e0de-7ace-4000-8000-000000000012'::uuid), ('Thursday', '5ac3e0de-7ace-4000-8000-000000000013'::uuid), ('Friday', '5ac3e0de-7ace-4000-8000-000000000014'::uuid), ('Saturday', '5ac3e0de-7ace-4000-8000-000000000015'::uuid), ('Sunday', '5ac3e0de-7ace-4000-8000-000000000016'::uuid)) AS d ("Weekday", "Id")
                WHERE r."Id" = '5ac3e0de-7ace-4000-8000-000000000002'::uuid;
                """);
            migrationBuilder.Sql("""
                WITH "held" AS (
                    SELECT b."Id" AS "BookingId", s."RoomId", s."StartUtc",
                           FLOOR(EXTRACT(EPOCH FROM s."StartUtc") / 1800)::integer AS "First",
                           CEIL(EXTRACT(EPOCH FROM s."EndUtc") / 1800)::integer AS "End"
                    FROM "Bookings" AS b INNER JOIN "Slots" AS s ON s."Id" = b."SlotId"
                    WHERE b."Status" IN ('PendingConfirmation', 'Confirmed', 'Completed')),
                "units" AS (
                    SELECT h."BookingId", h."RoomId", h."StartUtc", h."First" + n."i" AS "Unit"
                    FROM "held" AS h INNER JOIN generate_series(0, 15) AS n ("i") ON h."First" + n."i" < h."End")
                INSERT INTO "ResourceClaims" ("ResourceId", "Unit", "Seat", "BookingId", "HoldId", "ExpiresAtUtc")
                SELECT "RoomId", "Unit", (ROW_NUMBER() OVER (PARTITION BY "RoomId", "Unit" ORDER BY "StartUtc", "BookingId") - 1)::integer, "BookingId", NULL, NULL
                FROM "units";
                """);
            migrationBuilder.Sql("""
                WITH "held" AS (
                    SELECT b."Id" AS "BookingId", s."StartUtc",
                           FLOOR(EXTRACT(EPOCH FROM s."EndUtc") / 1800)::integer AS "First",
                           CEIL((EXTRACT(EPOCH FROM s."EndUtc") + 14400) / 1800)::integer AS "End"
                    FROM "Bookings" AS b INNER JOIN "Slots" AS s ON s."Id" = b."SlotId"
                    WHERE b."Status" IN ('PendingConfirmation', 'Confirmed', 'Completed')),
                "units" AS (
                    SELECT h."BookingId", h."StartUtc", h."First" + n."i" AS "Unit"
                    FROM "held" AS h INNER JOIN generate_series(0, 15) AS n ("i") ON h."First" + n."i" < h."End")
                INSERT INTO "ResourceClaims" ("ResourceId", "Unit", "Seat", "BookingId", "HoldId", "ExpiresAtUtc")
                SELECT '5ac3e0de-7ace-4000-8000-000000000002'::uuid, "Unit", (ROW_NUMBER() OVER (PARTITION BY "Unit" ORDER BY "StartUtc", "BookingId") - 1)::integer, "BookingId", NULL, NULL
                FROM "units"
                WHERE EXISTS (SELECT 1 FROM "Resources" WHERE "Id" = '5ac3e0de-7ace-4000-8000-000000000002'::uuid);
                """);
            migrationBuilder.Sql("""
                UPDATE "Bookings" AS b
                SET "RecoveryUnitId" = '5ac3e0de-7ace-4000-8000-000000000002'::uuid, "RecoveryEndsUtc" = s."EndUtc" + INTERVAL '240 minutes'
                FROM "Slots" AS s
                WHERE s."Id" = b."SlotId" AND b."Status" IN ('PendingConfirmation', 'Confirmed', 'Completed')
                  AND EXISTS (SELECT 1 FROM "Resources" WHERE "Id" = '5ac3e0de-7ace-4000-8000-000000000002'::uuid);
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
