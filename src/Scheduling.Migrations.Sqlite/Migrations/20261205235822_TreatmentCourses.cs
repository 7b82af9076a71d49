using System;

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scheduling.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TreatmentCourses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CourseId",
                table: "Referrals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PatientId",
                table: "Referrals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Patients",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FirstName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LastName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DateOfBirth = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    MedicalRecordNumber = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    NormalizedFirstName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NormalizedLastName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NormalizedMedicalRecordNumber = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Patients", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TreatmentCourses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DoctorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    StateReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    TransplantStatus = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    ListedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SessionCount = table.Column<int>(type: "INTEGER", nullable: false),
                    LastSessionOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SessionsWithoutResponse = table.Column<int>(type: "INTEGER", nullable: false),
                    SessionsWithProgression = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TreatmentCourses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TreatmentCourses_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CourseEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ActorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CourseEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CourseEvents_TreatmentCourses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "TreatmentCourses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CourseSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    BookingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReferralId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DoctorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    PerformedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PerformedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DischargeKind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    DischargeReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    HoursToDischarge = table.Column<decimal>(type: "TEXT", precision: 6, scale: 1, nullable: true),
                    DischargeRecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FollowUpDueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FollowUpWindowStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FollowUpWindowEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ScanDoneOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ScanModality = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    FollowUpWaivedReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AssessedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CourseSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CourseSessions_Bookings_BookingId",
                        column: x => x.BookingId,
                        principalTable: "Bookings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CourseSessions_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CourseSessions_TreatmentCourses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "TreatmentCourses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LesionAssessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AfterSession = table.Column<int>(type: "INTEGER", nullable: false),
                    ScanOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Modality = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Target1Mm = table.Column<int>(type: "INTEGER", nullable: false),
                    Target2Mm = table.Column<int>(type: "INTEGER", nullable: true),
                    Target1Segment = table.Column<int>(type: "INTEGER", nullable: true),
                    Target2Segment = table.Column<int>(type: "INTEGER", nullable: true),
                    NewLesion = table.Column<bool>(type: "INTEGER", nullable: false),
                    NonTarget = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    OtherLesionsMm = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MacrovascularInvasion = table.Column<bool>(type: "INTEGER", nullable: false),
                    ExtrahepaticSpread = table.Column<bool>(type: "INTEGER", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ComputedCategory = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    OverrideCategory = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    OverrideReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    BaselineSumMm = table.Column<int>(type: "INTEGER", nullable: true),
                    NadirSumMm = table.Column<int>(type: "INTEGER", nullable: true),
                    CurrentSumMm = table.Column<int>(type: "INTEGER", nullable: false),
                    Arithmetic = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ResponseRuleVersion = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    WithinMilan = table.Column<bool>(type: "INTEGER", nullable: false),
                    MilanReason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Downstaging = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DownstagingReason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    TransplantRuleVersion = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    AssessedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AssessedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    AssessedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LesionAssessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LesionAssessments_TreatmentCourses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "TreatmentCourses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AdverseEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Term = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Grade = table.Column<int>(type: "INTEGER", nullable: false),
                    OnsetOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Attribution = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Serious = table.Column<bool>(type: "INTEGER", nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdverseEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AdverseEvents_CourseSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "CourseSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SessionCalls",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Day = table.Column<int>(type: "INTEGER", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastOutcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    LastAttemptAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DoneAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionCalls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SessionCalls_CourseSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "CourseSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_CourseId",
                table: "Referrals",
                column: "CourseId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_PatientId",
                table: "Referrals",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_AdverseEvents_SessionId",
                table: "AdverseEvents",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_CourseEvents_CourseId_AtUtc",
                table: "CourseEvents",
                columns: new[] { "CourseId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CourseSessions_AssessedAtUtc_ScanDoneOn",
                table: "CourseSessions",
                columns: new[] { "AssessedAtUtc", "ScanDoneOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CourseSessions_BookingId",
                table: "CourseSessions",
                column: "BookingId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CourseSessions_CourseId_Number",
                table: "CourseSessions",
                columns: new[] { "CourseId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CourseSessions_DoctorUserId",
                table: "CourseSessions",
                column: "DoctorUserId");

            migrationBuilder.CreateIndex(
                name: "IX_CourseSessions_ReferralId",
                table: "CourseSessions",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_CourseSessions_ScanDoneOn_FollowUpWindowEnd",
                table: "CourseSessions",
                columns: new[] { "ScanDoneOn", "FollowUpWindowEnd" });

            migrationBuilder.CreateIndex(
                name: "IX_LesionAssessments_CourseId_AfterSession",
                table: "LesionAssessments",
                columns: new[] { "CourseId", "AfterSession" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Patients_DateOfBirth_NormalizedLastName_NormalizedFirstName",
                table: "Patients",
                columns: new[] { "DateOfBirth", "NormalizedLastName", "NormalizedFirstName" });

            migrationBuilder.CreateIndex(
                name: "IX_Patients_NormalizedMedicalRecordNumber",
                table: "Patients",
                column: "NormalizedMedicalRecordNumber");

            migrationBuilder.CreateIndex(
                name: "IX_SessionCalls_DoneAtUtc_DueOn",
                table: "SessionCalls",
                columns: new[] { "DoneAtUtc", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionCalls_SessionId_Day",
                table: "SessionCalls",
                columns: new[] { "SessionId", "Day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TreatmentCourses_DoctorUserId_LastSessionOn",
                table: "TreatmentCourses",
                columns: new[] { "DoctorUserId", "LastSessionOn" });

            migrationBuilder.CreateIndex(
                name: "IX_TreatmentCourses_PatientId_StartedAtUtc",
                table: "TreatmentCourses",
                columns: new[] { "PatientId", "StartedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_TreatmentCourses_State_LastSessionOn",
                table: "TreatmentCourses",
                columns: new[] { "State", "LastSessionOn" });

            migrationBuilder.CreateIndex(
                name: "IX_TreatmentCourses_State_SessionsWithoutResponse",
                table: "TreatmentCourses",
                columns: new[] { "State", "SessionsWithoutResponse" });

            migrationBuilder.CreateIndex(
                name: "IX_TreatmentCourses_State_SessionsWithProgression",
                table: "TreatmentCourses",
                columns: new[] { "State", "SessionsWithProgression" });

            migrationBuilder.CreateIndex(
                name: "UX_TreatmentCourses_ActivePatient",
                table: "TreatmentCourses",
                column: "PatientId",
                unique: true,
                filter: "\"State\" = 'Active'");

            // No foreign keys from Referrals to Patients and TreatmentCourses on SQLite: adding one to
            // an existing table means rebuilding Referrals (and copying every referral) outside a
            // transaction, where a crash halfway would leave it half copied. Existing referrals keep
            // both columns empty (no patient record until staff link one or the first procedure opens
            // one); the code only ever sets them to records it has just loaded or created.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AdverseEvents");

            migrationBuilder.DropTable(
                name: "CourseEvents");

            migrationBuilder.DropTable(
                name: "LesionAssessments");

            migrationBuilder.DropTable(
                name: "SessionCalls");

            migrationBuilder.DropTable(
                name: "CourseSessions");

            migrationBuilder.DropTable(
                name: "TreatmentCourses");

            migrationBuilder.DropTable(
                name: "Patients");

            migrationBuilder.DropIndex(
                name: "IX_Referrals_CourseId",
                table: "Referrals");

            migrationBuilder.DropIndex(
                name: "IX_Referrals_PatientId",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "CourseId",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "PatientId",
                table: "Referrals");
        }
    }
}
