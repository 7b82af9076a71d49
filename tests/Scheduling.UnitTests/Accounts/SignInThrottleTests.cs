using Scheduling.Domain.Accounts;

namespace Scheduling.UnitTests.Accounts;

public sealed class SignInThrottleTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 14, 0, 0, DateTimeKind.Utc);

    private static List<DateTime> Attempts(int count, TimeSpan apart) =>
        Enumerable.Range(0, count).Select(i => Now - (apart * i)).ToList();

    [Fact]
    public void TheFifthAttemptFromAClient_ChecksThePassword()
    {
        var verdict = SignInThrottle.Judge(Attempts(5, TimeSpan.FromMinutes(1)), Attempts(5, TimeSpan.FromMinutes(1)), knownDevice: false);

        Assert.True(verdict.MayCheckPassword);
    }

    [Fact]
    public void TheSixthAttemptFromAClient_IsPaused_UntilTheOldestOfTheFiveFailuresIsFifteenMinutesOld()
    {
        // This attempt (now) and five failures 1..5 minutes ago.
        var fromClient = Attempts(6, TimeSpan.FromMinutes(1));

        var verdict = SignInThrottle.Judge(fromClient, fromClient, knownDevice: false);

        Assert.Equal(SignInPause.ThisClient, verdict.Pause);
        Assert.Equal(Now - TimeSpan.FromMinutes(5) + SignInThrottle.ClientWindow, verdict.UntilUtc);
    }

    [Fact]
    public void MoreFailuresThanTheAllowance_AfterARace_PauseUntilEnoughOfThemAreOld()
    {
        // Seven failures slipped in at once (they are counted after being written, so this cannot
        // happen from one race, but the rule must still hold): the client waits until only four are left.
        var fromClient = Attempts(8, TimeSpan.FromMinutes(1));

        var verdict = SignInThrottle.Judge(fromClient, fromClient, knownDevice: true);

        Assert.Equal(Now - TimeSpan.FromMinutes(5) + SignInThrottle.ClientWindow, verdict.UntilUtc);
    }

    [Fact]
    public void TheHundredthAttemptOfTheDayFromNewDevices_ChecksThePassword_TheHundredAndFirstIsPausedForADay()
    {
        var hundred = Attempts(100, TimeSpan.FromMinutes(10));
        Assert.True(SignInThrottle.Judge([Now], hundred, knownDevice: false).MayCheckPassword);

        var hundredAndOne = Attempts(101, TimeSpan.FromMinutes(10));
        var verdict = SignInThrottle.Judge([Now], hundredAndOne, knownDevice: false);

        Assert.Equal(SignInPause.NewDevices, verdict.Pause);
        Assert.Equal(Now - TimeSpan.FromMinutes(1000) + SignInThrottle.DayWindow, verdict.UntilUtc);
    }

    [Fact]
    public void AKnownDevice_IsNotHeldBackByTheNewDevicesPause_OnlyByItsOwnFailures()
    {
        var manyFromNewDevices = Attempts(500, TimeSpan.FromMinutes(1));

        Assert.True(SignInThrottle.Judge([Now], manyFromNewDevices, knownDevice: true).MayCheckPassword);
        Assert.Equal(SignInPause.ThisClient, SignInThrottle.Judge(Attempts(6, TimeSpan.FromSeconds(5)), manyFromNewDevices, knownDevice: true).Pause);
    }
}
