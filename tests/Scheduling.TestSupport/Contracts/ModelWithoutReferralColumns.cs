using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

using Scheduling.Domain.Referrals;

namespace Scheduling.TestSupport.Contracts;

/// <summary>
/// The model as a migration test's earlier version knew it: without the Referrals columns (and their
/// indexes) that later migrations added, so rows written through EF before migrating fit the table.
/// </summary>
public abstract class ModelWithoutReferralColumns(ModelCustomizerDependencies dependencies, params string[] laterColumns) : ModelCustomizer(dependencies)
{
    public override void Customize(ModelBuilder modelBuilder, DbContext context)
    {
        base.Customize(modelBuilder, context);
        var referral = modelBuilder.Entity<Referral>();
        foreach (var index in referral.Metadata.GetIndexes().Where(i => i.Properties.Any(p => laterColumns.Contains(p.Name))).ToList())
        {
            referral.Metadata.RemoveIndex(index);
        }

        foreach (var column in laterColumns)
        {
            referral.Ignore(column);
        }
    }
}
