using System;

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scheduling.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class PatientLanguagesAndTexts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MessageTemplates_Kind",
                table: "MessageTemplates");

            migrationBuilder.RenameColumn(
                name: "SmtpMessageId",
                table: "OutboxMessages",
                newName: "SentMessageId");

            migrationBuilder.AddColumn<string>(
                name: "InterpreterLanguage",
                table: "Referrals",
                type: "nvarchar(50)",
                maxLength: 50,
                nullable: true);

            // Existing referrals: the language as it was typed becomes a choice. English and Spanish
            // (in the ways people write them) become "en" and "es"; any other language becomes
            // "other" (interpreter needed) with what was typed kept as the interpreter's language;
            // an empty draft stays empty. Existing outbox rows are emails; existing clinic
            // templates are English.
            migrationBuilder.Sql("UPDATE [Referrals] SET [InterpreterLanguage] = TRIM([PreferredLanguage]), [PreferredLanguage] = 'other' WHERE TRIM([PreferredLanguage]) <> '' AND NOT (LOWER(TRIM([PreferredLanguage])) IN ('en', 'english', N'inglés', 'ingles') OR LOWER(TRIM([PreferredLanguage])) LIKE 'en-%' OR LOWER(TRIM([PreferredLanguage])) IN ('es', 'spanish', N'español', 'espanol', 'castellano') OR LOWER(TRIM([PreferredLanguage])) LIKE 'es-%');");
            migrationBuilder.Sql("UPDATE [Referrals] SET [PreferredLanguage] = 'en' WHERE LOWER(TRIM([PreferredLanguage])) IN ('en', 'english', N'inglés', 'ingles') OR LOWER(TRIM([PreferredLanguage])) LIKE 'en-%';");
            migrationBuilder.Sql("UPDATE [Referrals] SET [PreferredLanguage] = 'es' WHERE LOWER(TRIM([PreferredLanguage])) IN ('es', 'spanish', N'español', 'espanol', 'castellano') OR LOWER(TRIM([PreferredLanguage])) LIKE 'es-%';");

            migrationBuilder.AddColumn<string>(
                name: "PatientMobile",
                table: "Referrals",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "TextConsent",
                table: "Referrals",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "TextSettingsChangedAtUtc",
                table: "Referrals",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Channel",
                table: "OutboxMessages",
                type: "nvarchar(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "Email");

            migrationBuilder.AddColumn<string>(
                name: "DeliveryStatus",
                table: "OutboxMessages",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "MessageTemplates",
                type: "nvarchar(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "en");

            migrationBuilder.AddColumn<DateTime>(
                name: "InterpreterCalledAtUtc",
                table: "Bookings",
                type: "datetime2",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "TextOptOuts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PhoneNumber = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    OptedOutAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Keyword = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TextOptOuts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_PatientMobile",
                table: "Referrals",
                column: "PatientMobile");

            migrationBuilder.CreateIndex(
                name: "IX_MessageTemplates_Kind_Language",
                table: "MessageTemplates",
                columns: new[] { "Kind", "Language" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TextOptOuts_PhoneNumber",
                table: "TextOptOuts",
                column: "PhoneNumber",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TextOptOuts");

            migrationBuilder.DropIndex(
                name: "IX_Referrals_PatientMobile",
                table: "Referrals");

            migrationBuilder.DropIndex(
                name: "IX_MessageTemplates_Kind_Language",
                table: "MessageTemplates");

            migrationBuilder.DropColumn(
                name: "InterpreterLanguage",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "PatientMobile",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "TextConsent",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "TextSettingsChangedAtUtc",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "Channel",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "DeliveryStatus",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "MessageTemplates");

            migrationBuilder.DropColumn(
                name: "InterpreterCalledAtUtc",
                table: "Bookings");

            migrationBuilder.RenameColumn(
                name: "SentMessageId",
                table: "OutboxMessages",
                newName: "SmtpMessageId");

            migrationBuilder.CreateIndex(
                name: "IX_MessageTemplates_Kind",
                table: "MessageTemplates",
                column: "Kind",
                unique: true);
        }
    }
}
