using System.Net;

using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common.Security;
using Scheduling.Infrastructure.Identity;
using Scheduling.TestSupport;
using Scheduling.TestSupport.Databases;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Account;

/// <summary>
/// A backup holds no usable second factor: the authenticator key is stored encrypted and recovery
/// codes hashed, whether enrolled now or in clear text by an earlier version (converted at start).
/// </summary>
public sealed class TwoFactorSecretsAtRestTests(WebApp app)
{
    private const string ClearKey = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    private static readonly string[] ClearCodes = ["7KQ2M-X4PLA", "ZR8WN-3HDVE"];

    [Fact]
    public async Task AnEnrolmentThroughThePages_LeavesNeitherTheKeyNorAnyRecoveryCodeReadableInTheDatabase_AndTheCodesStillWorkOnceEach()
    {
        var user = await app.CreateUserAsync(Roles.Scheduler);
        using var browser = app.CreateClient();
        await browser.LoginAsync(user);
        var enrolment = await TwoFactorPages.EnrolAsync(browser);

        var stored = await StoredAsync(app.Factory, user.Id);
        Assert.Equal(2, stored.Count);
        AssertNoneReadable(stored, enrolment.Key.Replace(" ", string.Empty, StringComparison.Ordinal), enrolment.RecoveryCodes);

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var account = await users.FindByIdAsync(user.Id);
        Assert.Equal(enrolment.Key.Replace(" ", string.Empty, StringComparison.Ordinal), (await users.GetAuthenticatorKeyAsync(account!))?.ToLowerInvariant());
        Assert.True((await users.RedeemTwoFactorRecoveryCodeAsync(account!, enrolment.RecoveryCodes[3])).Succeeded);
        Assert.False((await users.RedeemTwoFactorRecoveryCodeAsync(account!, enrolment.RecoveryCodes[3])).Succeeded);
        Assert.Equal(enrolment.RecoveryCodes.Count - 1, await users.CountRecoveryCodesAsync(account!));
    }

    [Fact]
    public async Task ClearSecretsWrittenByAnEarlierVersion_AreConvertedAtTheNextStart_AndTheEnrolmentKeepsWorking()
    {
        await using var database = SqliteTestDatabase.Create();
        string userId;
        await using (var earlier = await WebApp.StartAsync(database))
        {
            userId = (await WebApp.CreateUserAsync(earlier, Roles.Scheduler)).Id;
            await WebApp.WithDbAsync(earlier, db =>
            {
                db.UserTokens.Add(new IdentityUserToken<string> { UserId = userId, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = ClearKey });
                db.UserTokens.Add(new IdentityUserToken<string> { UserId = userId, LoginProvider = "[AspNetUserStore]", Name = "RecoveryCodes", Value = string.Join(';', ClearCodes) });
                return db.SaveChangesAsync();
            });
        }

        await using var next = await WebApp.StartAsync(database);

        AssertNoneReadable(await StoredAsync(next, userId), ClearKey, ClearCodes);
        await using var scope = next.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var account = await users.FindByIdAsync(userId);
        Assert.Equal(ClearKey, await users.GetAuthenticatorKeyAsync(account!));
        Assert.True((await users.RedeemTwoFactorRecoveryCodeAsync(account!, ClearCodes[1])).Succeeded);
        Assert.False((await users.RedeemTwoFactorRecoveryCodeAsync(account!, ClearCodes[1])).Succeeded);
        Assert.Equal(1, await users.CountRecoveryCodesAsync(account!));
    }

    [Fact]
    public async Task AKeyThisInstallationCannotDecrypt_RefusesAuthenticatorCodes_NeverLetsThePasswordAloneIn_AndARecoveryCodeStillSignsIn()
    {
        var user = await app.CreateUserAsync(Roles.Scheduler);
        TwoFactorPages.Enrolment enrolment;
        using (var first = app.CreateClient())
        {
            await first.LoginAsync(user);
            enrolment = await TwoFactorPages.EnrolAsync(first);
        }

        // As after restoring a backup where its key ring's certificate is missing: the same key,
        // encrypted by a key ring this app does not have. With the email unconfirmed no other
        // provider could make a code either, which is when Identity alone would skip the second step.
        var elsewhere = TwoFactorSecrets.ProtectKey(new EphemeralDataProtectionProvider(), enrolment.Key.Replace(" ", string.Empty, StringComparison.Ordinal));
        Assert.Equal(1, await app.WithDbAsync(db => db.UserTokens
            .Where(t => t.UserId == user.Id && t.LoginProvider == "[AspNetUserStore]" && t.Name == "AuthenticatorKey")
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.Value, elsewhere))));
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.EmailConfirmed, false)));

        using var browser = app.CreateClient();
        var refused = await TwoFactorPages.SignInAsync(browser, user, Totp.Next(enrolment.Key));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Contains("not valid", refused.FieldMessage("Code"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Found, (await browser.GetAsync("/", followRedirects: false)).Status);

        var recovery = await browser.GetAsync("/account/sign-in/recovery-code");
        var home = await browser.SubmitAsync(recovery, recovery.FormWithField("RecoveryCode"), new Dictionary<string, string> { ["RecoveryCode"] = enrolment.RecoveryCodes[0] });
        Assert.Equal("/", home.Url.AbsolutePath);
    }

    private static Task<List<string>> StoredAsync(SchedulingWebFactory factory, string userId) =>
        WebApp.WithDbAsync(factory, db => db.UserTokens
            .Where(t => t.UserId == userId && t.LoginProvider == "[AspNetUserStore]")
            .Select(t => t.Value ?? string.Empty)
            .ToListAsync());

    private static void AssertNoneReadable(IReadOnlyList<string> stored, string key, IEnumerable<string> codes)
    {
        foreach (var value in stored)
        {
            Assert.DoesNotContain(key, value, StringComparison.OrdinalIgnoreCase);
            foreach (var code in codes)
            {
                Assert.DoesNotContain(code, value, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(code.Replace("-", string.Empty, StringComparison.Ordinal), value, StringComparison.OrdinalIgnoreCase);
            }
        }
    }
}
