using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scheduling.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class TimelineActorAccount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ActorUserId",
                table: "ReferralEvents",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            // Timeline lines written before this migration by the booking use cases named the
            // scheduler by sign-in email; they get the account's full name and id like new lines.
            migrationBuilder.Sql(@"UPDATE ""ReferralEvents"" SET ""ActorUserId"" = (SELECT u.""Id"" FROM ""AspNetUsers"" u WHERE u.""NormalizedUserName"" = UPPER(""ReferralEvents"".""Actor"")), ""Actor"" = COALESCE((SELECT NULLIF(u.""FullName"", '') FROM ""AspNetUsers"" u WHERE u.""NormalizedUserName"" = UPPER(""ReferralEvents"".""Actor"")), ""Actor"") WHERE ""ActorUserId"" IS NULL AND EXISTS (SELECT 1 FROM ""AspNetUsers"" u WHERE u.""NormalizedUserName"" = UPPER(""ReferralEvents"".""Actor""));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ActorUserId",
                table: "ReferralEvents");
        }
    }
}
