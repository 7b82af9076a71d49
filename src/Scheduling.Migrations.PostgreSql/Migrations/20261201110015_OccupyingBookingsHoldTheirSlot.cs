using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scheduling.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class OccupyingBookingsHoldTheirSlot : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "UX_Bookings_ActiveSlot",
                table: "Bookings");

            migrationBuilder.CreateIndex(
                name: "UX_Bookings_OccupyingSlot",
                table: "Bookings",
                column: "SlotId",
                unique: true,
                filter: "\"Status\" IN ('PendingConfirmation', 'Confirmed', 'Completed', 'NoShow')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "UX_Bookings_OccupyingSlot",
                table: "Bookings");

            migrationBuilder.CreateIndex(
                name: "UX_Bookings_ActiveSlot",
                table: "Bookings",
                column: "SlotId",
                unique: true,
                filter: "\"Status\" IN ('PendingConfirmation', 'Confirmed')");
        }
    }
}
