using Scheduling.Domain.Accounts;
using Scheduling.Domain.Common;

namespace Scheduling.UnitTests.Accounts;

public class AccountLinkTests
{
    private static readonly DateTime Now = new(2026, 3, 10, 14, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Link_BeforeItsEmailIsComposed_CannotBeUsed()
    {
        var link = AccountLink.Create("user", AccountLinkPurpose.Invitation, Now, TimeSpan.FromHours(72));

        Assert.False(link.IsUsable(Now));
        Assert.True(link.IsOpen(Now));
    }

    [Fact]
    public void Link_WithItsToken_WorksUntilItExpires()
    {
        var link = Issued(TimeSpan.FromHours(2));

        Assert.True(link.IsUsable(Now.AddHours(2).AddTicks(-1)));
        Assert.False(link.IsUsable(Now.AddHours(2)));
    }

    [Fact]
    public void Link_OnceUsed_CannotBeUsedAgain()
    {
        var link = Issued(TimeSpan.FromHours(2));

        link.Use(Now);

        Assert.False(link.IsUsable(Now));
        Assert.Throws<DomainException>(() => link.Use(Now));
    }

    [Fact]
    public void Link_Revoked_CannotBeUsedOrSent()
    {
        var link = Issued(TimeSpan.FromHours(2));

        link.Revoke(Now);

        Assert.False(link.IsUsable(Now));
        Assert.False(link.IsOpen(Now));
    }

    [Fact]
    public void AccessRequest_Declined_KeepsTheReason_AndCannotBeApprovedAfterwards()
    {
        var request = AccessRequest.Submit("Dr. A", "Practice", Npi.TryParse("1234567893")!, "a@example.org", "555", null, Now);

        request.Decline("Not a referring practice", "admin", Now);

        Assert.Equal(AccessRequestStatus.Declined, request.Status);
        Assert.Equal("Not a referring practice", request.DeclineReason);
        Assert.Throws<DomainException>(() => request.Approve("user", "admin", Now));
    }

    private static AccountLink Issued(TimeSpan lifetime)
    {
        var link = AccountLink.Create("user", AccountLinkPurpose.PasswordReset, Now, lifetime);
        link.IssueToken(new byte[AccountLink.HashLength]);
        return link;
    }
}
