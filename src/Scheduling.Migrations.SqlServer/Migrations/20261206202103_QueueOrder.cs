using System;

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scheduling.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class QueueOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Referrals_Status_ReadyToScheduleSinceUtc",
                table: "Referrals");

            migrationBuilder.AddColumn<int>(
                name: "QueueRank",
                table: "Referrals",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "QueueSinceUtc",
                table: "Referrals",
                type: "datetime2",
                nullable: true);

            // Existing referrals get the order the queues sorted by before: urgent (0) before everything
            // else (1); awaiting review since submitted (or created), ready to schedule since it entered
            // the queue (or last changed); no queue, null. From here on the domain keeps both.
            migrationBuilder.Sql(@"UPDATE [Referrals] SET [QueueRank] = CASE WHEN [Urgency] = 'Urgent' THEN 0 ELSE 1 END, [QueueSinceUtc] = CASE [Status] WHEN 'AwaitingReview' THEN COALESCE([SubmittedAtUtc], [CreatedAtUtc]) WHEN 'ReadyToSchedule' THEN COALESCE([ReadyToScheduleSinceUtc], [UpdatedAtUtc]) ELSE NULL END;");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_Status_QueueRank_QueueSinceUtc_Id",
                table: "Referrals",
                columns: new[] { "Status", "QueueRank", "QueueSinceUtc", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Referrals_Status_QueueRank_QueueSinceUtc_Id",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "QueueRank",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "QueueSinceUtc",
                table: "Referrals");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_Status_ReadyToScheduleSinceUtc",
                table: "Referrals",
                columns: new[] { "Status", "ReadyToScheduleSinceUtc" });
        }
    }
}
