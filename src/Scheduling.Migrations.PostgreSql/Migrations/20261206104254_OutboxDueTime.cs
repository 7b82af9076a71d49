using System;

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scheduling.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class OutboxDueTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "DueAtUtc",
                table: "OutboxMessages",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            // Existing rows: due at their next attempt. What a message already being retried was first due
            // for is not known; it then counts as delayed from its next try, never earlier than it was.
            migrationBuilder.Sql(@"UPDATE ""OutboxMessages"" SET ""DueAtUtc"" = ""NextAttemptAtUtc"";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DueAtUtc",
                table: "OutboxMessages");
        }
    }
}
