using Scheduling.Application.Common.Security;
using Scheduling.Infrastructure.Identity;

namespace Scheduling.WebTests.Account;

public sealed class SecuritySettingsTests
{
    [Fact]
    public void TwoFactorRoles_Unset_AreAdminInProduction_AndNobodyElsewhere()
    {
        var unset = new SecurityOptions();

        Assert.Equal(["Admin"], unset.TwoFactorRoles(isProduction: true));
        Assert.Empty(unset.TwoFactorRoles(isProduction: false));
    }

    [Fact]
    public void TwoFactorRoles_AddTheNamedRoles_AndKeepAdminInProduction()
    {
        var options = new SecurityOptions { RequireTwoFactorForRoles = ["Scheduler", " Radiologist ", ""] };

        Assert.Equal(["Admin", "Radiologist", "Scheduler"], options.TwoFactorRoles(isProduction: true).Order());
        Assert.Equal(["Radiologist", "Scheduler"], options.TwoFactorRoles(isProduction: false).Order());
    }

    [Fact]
    public void AnAbsoluteLifetimeShorterThanTheIdleTimeout_IsRefusedAtStart()
    {
        Assert.NotEmpty(new SecurityOptions { IdleTimeoutMinutes = 120, AbsoluteSessionHours = 1 }.Validate());
        Assert.NotEmpty(new SecurityOptions { IdleTimeoutMinutes = 0 }.Validate());
        Assert.Empty(new SecurityOptions().Validate());
    }

    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0", "Edge on Windows")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15", "Safari on macOS")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Firefox on Linux")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1", "Safari on iOS")]
    [InlineData("curl/8.5.0", "curl")]
    [InlineData("", "Unknown device")]
    public void DeviceSummary_NamesBrowserAndSystem(string userAgent, string expected)
    {
        Assert.Equal(expected, DeviceSummary.From(userAgent));
    }
}
