using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Rooms;
using Scheduling.Domain.Audit;
using Scheduling.Domain.Rooms;
using Scheduling.TestSupport.Databases;

namespace Scheduling.TestSupport.Contracts;

/// <summary>
/// The room use cases against a real database. Each provider's test project derives a sealed class
/// from this with its own <see cref="DatabaseFixture"/>, so the same facts hold on SQLite and SQL Server.
/// </summary>
public abstract class RoomsContract(DatabaseFixture fixture) : AppContract(fixture)
{
    [Fact]
    public async Task AddRoom_WithNameAndLocation_IsListedAsActive()
    {
        var name = UniqueName("IR Suite");

        var result = await App.SendAsync(new AddRoom.Command(name, "Building B, floor 2"));

        Assert.True(result.IsSuccess, Describe(result.Error));
        var rooms = await App.SendAsync(new ListRooms.Query());
        var row = Assert.Single(rooms.Value, r => r.Id == result.Value);
        Assert.Equal(name, row.Name);
        Assert.Equal("Building B, floor 2", row.Location);
        Assert.True(row.IsActive);
    }

    [Fact]
    public async Task AddRoom_WithSurroundingWhitespace_StoresTrimmedNameAndLocation()
    {
        var name = UniqueName("IR");

        var result = await App.SendAsync(new AddRoom.Command($"  {name}  ", "  Floor 3 "));

        var row = Assert.Single((await App.SendAsync(new ListRooms.Query())).Value, r => r.Id == result.Value);
        Assert.Equal(name, row.Name);
        Assert.Equal("Floor 3", row.Location);
    }

    [Fact]
    public async Task AddRoom_WithNameAndLocationAtMaximumLength_IsAccepted()
    {
        var name = UniqueName("IR").PadRight(Room.NameMaxLength, 'n');
        var location = new string('l', Room.LocationMaxLength);

        var result = await App.SendAsync(new AddRoom.Command(name, location));

        Assert.True(result.IsSuccess, Describe(result.Error));
        var stored = await App.WithDbAsync(db => db.Rooms.AsNoTracking().SingleAsync(r => r.Id == result.Value));
        Assert.Equal(name, stored.Name);
        Assert.Equal(location, stored.Location);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public async Task AddRoom_WithMissingName_ReturnsFieldErrorOnNameAndWritesNothing(string? name)
    {
        var before = await CountsAsync();

        var result = await App.SendAsync(new AddRoom.Command(name, "Floor 1"));

        AssertFieldError(result.Error, ErrorKind.Validation, nameof(AddRoom.Command.Name));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task AddRoom_WithNameOf101Characters_ReturnsFieldErrorOnNameAndWritesNothing()
    {
        var before = await CountsAsync();

        var result = await App.SendAsync(new AddRoom.Command(new string('x', Room.NameMaxLength + 1), null));

        AssertFieldError(result.Error, ErrorKind.Validation, nameof(AddRoom.Command.Name));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task AddRoom_WithLocationOf201Characters_ReturnsFieldErrorOnLocationAndWritesNothing()
    {
        var before = await CountsAsync();

        var result = await App.SendAsync(new AddRoom.Command(UniqueName("IR"), new string('x', Room.LocationMaxLength + 1)));

        AssertFieldError(result.Error, ErrorKind.Validation, nameof(AddRoom.Command.Location));
        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("same")]
    [InlineData("upper")]
    [InlineData("lower")]
    [InlineData("padded")]
    public async Task AddRoom_WithDuplicateName_ReturnsConflictOnNameAndWritesNothing(string variant)
    {
        var name = UniqueName("Suite");
        Assert.True((await App.SendAsync(new AddRoom.Command(name, null))).IsSuccess);
        var duplicate = variant switch
        {
            "upper" => name.ToUpperInvariant(),
            "lower" => name.ToLowerInvariant(),
            "padded" => $"  {name} ",
            _ => name,
        };
        var before = await CountsAsync();

        var result = await App.SendAsync(new AddRoom.Command(duplicate, "elsewhere"));

        AssertFieldError(result.Error, ErrorKind.Conflict, nameof(AddRoom.Command.Name));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Database_WithTwoRoomsOfTheSameNormalizedName_RefusesTheSecondAsUniqueViolation()
    {
        // The handler's early check is a courtesy; this is the guarantee under concurrent requests.
        var name = UniqueName("Race");
        await App.WithDbAsync(async db =>
        {
            db.Rooms.Add(Room.Create(name, null, App.Clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync();
        });

        var exception = await App.WithDbAsync(async db =>
        {
            db.Rooms.Add(Room.Create(name.ToLowerInvariant(), null, App.Clock.GetUtcNow().UtcDateTime));
            return await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        });

        var errors = App.Services.GetService(typeof(Application.Common.Abstractions.IDatabaseErrors))
            as Application.Common.Abstractions.IDatabaseErrors;
        Assert.NotNull(errors);
        Assert.True(errors.IsUniqueViolation(exception), exception.InnerException?.Message);
    }

    [Fact]
    public async Task SetRoomActive_Deactivate_ShowsRoomInactiveAndHidesItFromActiveList()
    {
        var id = await AddRoomAsync();

        var result = await App.SendAsync(new SetRoomActive.Command(id, Active: false));

        Assert.True(result.IsSuccess, Describe(result.Error));
        var all = await App.SendAsync(new ListRooms.Query(IncludeInactive: true));
        Assert.False(Assert.Single(all.Value, r => r.Id == id).IsActive);
        var active = await App.SendAsync(new ListRooms.Query(IncludeInactive: false));
        Assert.DoesNotContain(active.Value, r => r.Id == id);
    }

    [Fact]
    public async Task SetRoomActive_ReactivateAfterDeactivate_ShowsRoomActiveAgain()
    {
        var id = await AddRoomAsync();
        await App.SendAsync(new SetRoomActive.Command(id, Active: false));

        var result = await App.SendAsync(new SetRoomActive.Command(id, Active: true));

        Assert.True(result.IsSuccess, Describe(result.Error));
        var active = await App.SendAsync(new ListRooms.Query(IncludeInactive: false));
        Assert.True(Assert.Single(active.Value, r => r.Id == id).IsActive);
    }

    [Fact]
    public async Task SetRoomActive_WithUnknownId_ReturnsNotFoundAndWritesNothing()
    {
        var before = await CountsAsync();

        var result = await App.SendAsync(new SetRoomActive.Command(Guid.NewGuid(), Active: false));

        Assert.Equal(ErrorKind.NotFound, result.Error?.Kind);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task AddRoom_WritesCreatedAuditEntryWithUserRoomIdAndTime()
    {
        App.User.SignInAs("user-admin-42", "alex@clinic.test", Application.Common.Security.Roles.Admin);
        App.Clock.Advance(TimeSpan.FromMinutes(7));

        var id = await AddRoomAsync();

        var entry = Assert.Single(await AuditFor(id));
        Assert.Equal("Created", entry.Action);
        Assert.Equal(nameof(Room), entry.EntityType);
        Assert.Equal("user-admin-42", entry.UserId);
        Assert.Equal("alex@clinic.test", entry.UserName);
        Assert.Equal(App.Clock.GetUtcNow().UtcDateTime, entry.OccurredAtUtc);
        Assert.Equal(DateTimeKind.Utc, entry.OccurredAtUtc.Kind);
    }

    [Fact]
    public async Task SetRoomActive_WritesUpdatedAuditEntryNamingTheChangedFieldPerChange()
    {
        var id = await AddRoomAsync();
        App.User.SignInAs("user-admin-7", "kim@clinic.test", Application.Common.Security.Roles.Admin);

        await App.SendAsync(new SetRoomActive.Command(id, Active: false));
        await App.SendAsync(new SetRoomActive.Command(id, Active: true));

        var updates = (await AuditFor(id)).Where(e => e.Action == "Updated").ToList();
        Assert.Equal(2, updates.Count);
        Assert.All(updates, e =>
        {
            Assert.Equal("user-admin-7", e.UserId);
            Assert.Contains(nameof(Room.IsActive), e.Details, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task AuditEntry_WhenModified_SaveChangesThrowsAndRowIsUnchanged()
    {
        var id = await AddRoomAsync();
        var entry = Assert.Single(await AuditFor(id));

        await App.WithDbAsync(async db =>
        {
            var tracked = await db.AuditEntries.SingleAsync(e => e.Id == entry.Id);
            db.Entry(tracked).Property(e => e.UserId).CurrentValue = "someone-else";
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        });

        Assert.Equal("user-admin-1", Assert.Single(await AuditFor(id)).UserId);
    }

    [Fact]
    public async Task AuditEntry_WhenDeleted_SaveChangesThrowsAndRowRemains()
    {
        var id = await AddRoomAsync();

        await App.WithDbAsync(async db =>
        {
            var tracked = await db.AuditEntries.SingleAsync(e => e.EntityType == nameof(Room) && e.EntityId == id.ToString());
            db.AuditEntries.Remove(tracked);
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        });

        Assert.Single(await AuditFor(id));
    }

    protected static string UniqueName(string prefix) => $"{prefix} {Guid.NewGuid().ToString("N")[..10]}";

    protected async Task<Guid> AddRoomAsync()
    {
        var result = await App.SendAsync(new AddRoom.Command(UniqueName("Room"), "Floor 1"));
        Assert.True(result.IsSuccess, Describe(result.Error));
        return result.Value;
    }

    protected Task<(int Rooms, int AuditEntries)> CountsAsync() =>
        App.WithDbAsync(async db => (await db.Rooms.CountAsync(), await db.AuditEntries.CountAsync()));

    protected Task<List<AuditEntry>> AuditFor(Guid roomId) =>
        App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(Room) && e.EntityId == roomId.ToString())
            .OrderBy(e => e.Id)
            .ToListAsync());

    private static void AssertFieldError(Error? error, ErrorKind kind, string field)
    {
        Assert.NotNull(error);
        Assert.Equal(kind, error.Kind);
        Assert.True(error.FieldErrors.TryGetValue(field, out var messages), $"Expected an error on {field}; got {Describe(error)}");
        Assert.NotEmpty(messages);
        Assert.All(messages, m => Assert.False(string.IsNullOrWhiteSpace(m)));
    }

    private static string Describe(Error? error) => error is null
        ? "no error"
        : $"{error.Kind}: {error.Message} [{string.Join("; ", error.FieldErrors.Select(f => $"{f.Key}: {string.Join(", ", f.Value)}"))}]";
}
