using System;

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scheduling.Migrations.SqlServer.Migrations
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
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PatientId",
                table: "Referrals",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Patients",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FirstName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    LastName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    DateOfBirth = table.Column<DateOnly>(type: "date", nullable: false),
                    MedicalRecordNumber = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: true),
                    NormalizedFirstName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    NormalizedLastName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    NormalizedMedicalRecordNumber = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Patients", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TreatmentCourses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PatientId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DoctorUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    State = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: false),
                    StateReason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    StartedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ClosedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    TransplantStatus = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: false),
                    ListedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    SessionCount = table.Column<int>(type: "int", nullable: false),
                    LastSessionOn = table.Column<DateOnly>(type: "date", nullable: true),
                    SessionsWithoutResponse = table.Column<int>(type: "int", nullable: false),
                    SessionsWithProgression = table.Column<int>(type: "int", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CourseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Text = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    Actor = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    ActorUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true)
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CourseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Number = table.Column<int>(type: "int", nullable: false),
                    BookingId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ReferralId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DoctorUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    PerformedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    PerformedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DischargeKind = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: true),
                    DischargeReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    HoursToDischarge = table.Column<decimal>(type: "decimal(6,1)", precision: 6, scale: 1, nullable: true),
                    DischargeRecordedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    FollowUpDueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    FollowUpWindowStart = table.Column<DateOnly>(type: "date", nullable: false),
                    FollowUpWindowEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    ScanDoneOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ScanModality = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: true),
                    FollowUpWaivedReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    AssessedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CourseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AfterSession = table.Column<int>(type: "int", nullable: false),
                    ScanOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Modality = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    Target1Mm = table.Column<int>(type: "int", nullable: false),
                    Target2Mm = table.Column<int>(type: "int", nullable: true),
                    Target1Segment = table.Column<int>(type: "int", nullable: true),
                    Target2Segment = table.Column<int>(type: "int", nullable: true),
                    NewLesion = table.Column<bool>(type: "bit", nullable: false),
                    NonTarget = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: false),
                    OtherLesionsMm = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    MacrovascularInvasion = table.Column<bool>(type: "bit", nullable: false),
                    ExtrahepaticSpread = table.Column<bool>(type: "bit", nullable: false),
                    Notes = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    ComputedCategory = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: true),
                    OverrideCategory = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: true),
                    OverrideReason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    BaselineSumMm = table.Column<int>(type: "int", nullable: true),
                    NadirSumMm = table.Column<int>(type: "int", nullable: true),
                    CurrentSumMm = table.Column<int>(type: "int", nullable: false),
                    Arithmetic = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    ResponseRuleVersion = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    WithinMilan = table.Column<bool>(type: "bit", nullable: false),
                    MilanReason = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    Downstaging = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    DownstagingReason = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    TransplantRuleVersion = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Revision = table.Column<int>(type: "int", nullable: false),
                    AssessedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    AssessedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    AssessedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SessionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Term = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Grade = table.Column<int>(type: "int", nullable: false),
                    OnsetOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Attribution = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Serious = table.Column<bool>(type: "bit", nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RecordedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false)
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SessionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Day = table.Column<int>(type: "int", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    LastOutcome = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    LastAttemptAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    DoneAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
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
                filter: "[State] = 'Active'");

            migrationBuilder.AddForeignKey(
                name: "FK_Referrals_Patients_PatientId",
                table: "Referrals",
                column: "PatientId",
                principalTable: "Patients",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Referrals_TreatmentCourses_CourseId",
                table: "Referrals",
                column: "CourseId",
                principalTable: "TreatmentCourses",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Referrals_Patients_PatientId",
                table: "Referrals");

            migrationBuilder.DropForeignKey(
                name: "FK_Referrals_TreatmentCourses_CourseId",
                table: "Referrals");

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
