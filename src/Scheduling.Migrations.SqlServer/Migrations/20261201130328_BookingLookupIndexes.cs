using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scheduling.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class BookingLookupIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Bookings_ReferralId_Status",
                table: "Bookings",
                columns: new[] { "ReferralId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_SlotId_Status",
                table: "Bookings",
                columns: new[] { "SlotId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Bookings_ReferralId_Status",
                table: "Bookings");

            migrationBuilder.DropIndex(
                name: "IX_Bookings_SlotId_Status",
                table: "Bookings");
        }
    }
}
