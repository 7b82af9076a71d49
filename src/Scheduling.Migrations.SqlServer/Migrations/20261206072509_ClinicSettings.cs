using System;

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scheduling.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ClinicSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StoredSettings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Section = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ValuesJson = table.Column<string>(type: "nvarchar(max)", maxLength: 16000, nullable: false),
                    Revision = table.Column<int>(type: "int", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredSettings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StoredSettings_Section",
                table: "StoredSettings",
                column: "Section",
                unique: true);

            // Reminders are now one template for every reminder time the clinic sets. Data rule: the
            // clinic's own day-before text becomes the reminder text; else its own 3-days-before text;
            // else the built-in one. The other custom reminder text is dropped (its wording was for a
            // fixed time). Outbox rows keep their kinds (PatientReminder72h/24h name their times).
            migrationBuilder.Sql("UPDATE [MessageTemplates] SET [Kind] = 'PatientReminder' WHERE [Kind] = 'PatientReminder24h';");
            migrationBuilder.Sql("UPDATE [MessageTemplates] SET [Kind] = 'PatientReminder' WHERE [Kind] = 'PatientReminder72h' AND NOT EXISTS (SELECT 1 FROM [MessageTemplates] t WHERE t.[Kind] = 'PatientReminder');");
            migrationBuilder.Sql("DELETE FROM [MessageTemplates] WHERE [Kind] = 'PatientReminder72h';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StoredSettings");
        }
    }
}
