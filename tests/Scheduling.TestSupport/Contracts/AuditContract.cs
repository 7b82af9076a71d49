using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Domain.Audit;
using Scheduling.Infrastructure.Auditing;
using Scheduling.TestSupport.Databases;

namespace Scheduling.TestSupport.Contracts;

/// <summary>
/// The audit of page views against a real database: every view is a line of its own, and the
/// records a list showed are stored once per distinct set, however many views name them. Each test
/// reads only the lines of a user of its own, so it holds on the provider's shared database.
/// </summary>
public abstract class AuditContract(DatabaseFixture fixture) : AppContract(fixture)
{
    [Fact]
    public async Task ViewsOfTheSameRecords_ManyAtOnce_AreALineEach_NamingOneStoredSet()
    {
        var user = $"audit-{Guid.NewGuid():N}";
        var shown = Enumerable.Range(0, 5).Select(_ => ("Booking", Guid.NewGuid())).ToList();
        var writer = App.Services.GetRequiredService<AuditViewWriter>();

        // Several land in one group commit, later ones find the set already stored.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => writer.WriteAsync(Line(user, shown), TestContext.Current.CancellationToken))));
        await writer.WriteAsync(Line(user, shown), TestContext.Current.CancellationToken);

        var lines = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Include(e => e.RecordSet)
            .Where(e => e.UserId == user).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(21, lines.Count);
        var key = Assert.Single(lines.Select(l => l.RecordSetKey).Distinct());
        var ids = shown.Select(s => s.Item2.ToString()).Order().ToList();
        Assert.All(lines, l => Assert.Equal(ids, l.RecordsShown.Select(r => r.EntityId).Order()));
        var stored = await App.WithDbAsync(db => db.AuditRecordSets.AsNoTracking().SingleAsync(s => s.Key == key, TestContext.Current.CancellationToken));
        Assert.Equal((5, 5), (stored.Count, stored.Records.Count));
    }

    [Fact]
    public async Task AListThatShowedOtherRecords_NamesASetOfItsOwn()
    {
        var user = $"audit-{Guid.NewGuid():N}";
        var first = new[] { ("Referral", Guid.NewGuid()), ("Referral", Guid.NewGuid()) };
        var second = first.Append(("Referral", Guid.NewGuid())).ToArray();
        var writer = App.Services.GetRequiredService<AuditViewWriter>();

        await writer.WriteAsync(Line(user, first), TestContext.Current.CancellationToken);
        await writer.WriteAsync(Line(user, second), TestContext.Current.CancellationToken);

        var lines = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Include(e => e.RecordSet)
            .Where(e => e.UserId == user).OrderBy(e => e.Id).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal([2, 3], lines.Select(l => l.RecordsShown.Count));
        Assert.NotEqual(lines[0].RecordSetKey, lines[1].RecordSetKey);
    }

    private AuditEntry Line(string user, IReadOnlyList<(string, Guid)> shown) =>
        AuditEntry.PageView(Now, user, $"{user}@clinic.test", "Viewed", "AuditContractList", shown, list: true, details: null, clientAddress: null);
}
