using Scheduling.Domain.Accounts;

namespace Scheduling.UnitTests.Accounts;

public sealed class UserSessionTests
{
    private static readonly DateTime SignedInAt = new(2026, 3, 9, 13, 0, 0, DateTimeKind.Utc);

    private static UserSession Start(string stamp = "stamp-1") => UserSession.Start(
        new byte[UserSession.KeyHashLength], "user-1", stamp, [1, 2, 3], SignedInAt,
        SignedInAt.AddMinutes(20), TimeSpan.FromHours(8), "10.0.0.1", "Firefox on Windows");

    [Fact]
    public void AFreshSession_IsUsable()
    {
        Assert.Null(Start().RefusalReason(SignedInAt.AddMinutes(5), "stamp-1", userDeactivated: false));
    }

    [Fact]
    public void AnEndedSession_IsRefusedWithTheReasonItEndedFor_AndEndsOnlyOnce()
    {
        var session = Start();
        Assert.True(session.End(SignedInAt.AddMinutes(1), SessionEndReasons.EndedByUser));
        Assert.False(session.End(SignedInAt.AddMinutes(2), SessionEndReasons.SignedOut));

        Assert.Equal(SessionEndReasons.EndedByUser, session.RefusalReason(SignedInAt.AddMinutes(3), "stamp-1", false));
        Assert.Equal(SignedInAt.AddMinutes(1), session.EndedAtUtc);
    }

    [Fact]
    public void ADeactivatedUser_OrAChangedStamp_RefusesTheSession()
    {
        var session = Start();

        Assert.Equal(SessionEndReasons.UserDeactivated, session.RefusalReason(SignedInAt.AddMinutes(1), "stamp-1", userDeactivated: true));
        Assert.Equal(SessionEndReasons.SecurityStampChanged, session.RefusalReason(SignedInAt.AddMinutes(1), "stamp-2", userDeactivated: false));
    }

    [Fact]
    public void IdleExpiry_SlidesOnRenewal_ButNeverPastTheAbsoluteLifetime()
    {
        var session = Start();
        Assert.Equal(SessionEndReasons.IdleTimeout, session.RefusalReason(SignedInAt.AddMinutes(20), "stamp-1", false));

        session.Renew([4], "stamp-1", SignedInAt.AddMinutes(15), SignedInAt.AddMinutes(35));
        Assert.Null(session.RefusalReason(SignedInAt.AddMinutes(30), "stamp-1", false));

        session.Renew([5], "stamp-1", SignedInAt.AddHours(7.9), SignedInAt.AddHours(8.2));
        Assert.Equal(SignedInAt.AddHours(8), session.IdleExpiresAtUtc);
        Assert.Equal(SessionEndReasons.LifetimeReached, session.RefusalReason(SignedInAt.AddHours(8), "stamp-1", false));
    }

    [Fact]
    public void LastSeen_IsStaleOnlyAfterAMinute()
    {
        var session = Start();

        Assert.False(session.IsLastSeenStale(SignedInAt.AddSeconds(59)));
        Assert.True(session.IsLastSeenStale(SignedInAt.AddSeconds(60)));
    }
}
