using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using Scheduling.Domain.Bookings;
using Scheduling.Domain.Capacity;

namespace Scheduling.Infrastructure.Persistence.Configurations;

/// <summary>
/// The claims table. Its primary key (ResourceId, Unit, Seat) is the guarantee that no resource is
/// held by more cases than it has places in any 30-minute unit: the same technique as the slot's
/// unique index, on every provider. Built with the provider in hand (like <see cref="BookingConfiguration"/>)
/// because the owner check is SQL text.
/// </summary>
internal sealed class ResourceClaimConfiguration(bool sqlServer)
{
    public void Configure(EntityTypeBuilder<ResourceClaim> builder)
    {
        builder.ToTable("ResourceClaims", table =>
        {
            string Q(string column) => sqlServer ? $"[{column}]" : $"\"{column}\"";
            string Owned(string column) => $"(CASE WHEN {Q(column)} IS NULL THEN 0 ELSE 1 END)";
            table.HasCheckConstraint("CK_ResourceClaims_OneOwner", $"{Owned("BookingId")} + {Owned("HoldId")} = 1");
        });
        builder.HasKey(c => new { c.ResourceId, c.Unit, c.Seat });
        builder.HasOne<Resource>().WithMany().HasForeignKey(c => c.ResourceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Booking>().WithMany().HasForeignKey(c => c.BookingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CapacityHold>().WithMany().HasForeignKey(c => c.HoldId).OnDelete(DeleteBehavior.Cascade);

        // Availability reads every live claim in a range of units; the columns it needs are in the key
        // so the range is one index walk.
        builder.HasIndex(c => new { c.Unit, c.ResourceId, c.Seat, c.ExpiresAtUtc }).HasDatabaseName("IX_ResourceClaims_Unit");
    }
}
