using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scheduling.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReferralsSlotsBookings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Referrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DoctorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    PatientFirstName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PatientLastName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PatientDateOfBirth = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PatientSex = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PatientPhone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PatientEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    PreferredLanguage = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    MedicalRecordNumber = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    PracticeName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PracticeContact = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Diagnosis = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Icd10Code = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Urgency = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ClinicalNotes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    QuestionnaireJson = table.Column<string>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    CriteriaVersion = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    FindingsJson = table.Column<string>(type: "TEXT", nullable: true),
                    OvernightBedLikely = table.Column<bool>(type: "INTEGER", nullable: false),
                    PremedicationNeeded = table.Column<bool>(type: "INTEGER", nullable: false),
                    LabsDrawnOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ImagingDoneOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReadyToScheduleSinceUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecisionReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Referrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Referrals_AspNetUsers_DoctorUserId",
                        column: x => x.DoctorUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Slots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoomId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LocalDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    IsWithdrawn = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Slots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Slots_Rooms_RoomId",
                        column: x => x.RoomId,
                        principalTable: "Rooms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReferralEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReferralId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferralEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReferralEvents_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Bookings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReferralId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SlotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    BookedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    BookedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    LeadTimeOverrideReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ConfirmedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CancelledAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CancelReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CancelledByPatient = table.Column<bool>(type: "INTEGER", nullable: false),
                    PatientRequest = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PatientRequestAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EscalatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    OutcomeRecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Bookings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Bookings_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Bookings_Slots_SlotId",
                        column: x => x.SlotId,
                        principalTable: "Slots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_Status_BookedAtUtc",
                table: "Bookings",
                columns: new[] { "Status", "BookedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "UX_Bookings_ActiveReferral",
                table: "Bookings",
                column: "ReferralId",
                unique: true,
                filter: "\"Status\" IN ('PendingConfirmation', 'Confirmed')");

            migrationBuilder.CreateIndex(
                name: "UX_Bookings_ActiveSlot",
                table: "Bookings",
                column: "SlotId",
                unique: true,
                filter: "\"Status\" IN ('PendingConfirmation', 'Confirmed')");

            migrationBuilder.CreateIndex(
                name: "IX_ReferralEvents_ReferralId_AtUtc",
                table: "ReferralEvents",
                columns: new[] { "ReferralId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_DoctorUserId_CreatedAtUtc",
                table: "Referrals",
                columns: new[] { "DoctorUserId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_Status_ReadyToScheduleSinceUtc",
                table: "Referrals",
                columns: new[] { "Status", "ReadyToScheduleSinceUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Slots_LocalDate_RoomId",
                table: "Slots",
                columns: new[] { "LocalDate", "RoomId" });

            migrationBuilder.CreateIndex(
                name: "IX_Slots_RoomId_StartUtc",
                table: "Slots",
                columns: new[] { "RoomId", "StartUtc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Slots_StartUtc",
                table: "Slots",
                column: "StartUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Bookings");

            migrationBuilder.DropTable(
                name: "ReferralEvents");

            migrationBuilder.DropTable(
                name: "Slots");

            migrationBuilder.DropTable(
                name: "Referrals");
        }
    }
}
