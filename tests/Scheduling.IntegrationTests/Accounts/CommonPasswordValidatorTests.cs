using Scheduling.Infrastructure.Identity;

namespace Scheduling.IntegrationTests.Accounts;

/// <summary>The shipped list (embedded in the infrastructure assembly) and the stretched variants of its entries.</summary>
public class CommonPasswordValidatorTests
{
    [Theory]
    [InlineData("password")]
    [InlineData("PASSWORD")]
    [InlineData("password1234")]
    [InlineData("1234password")]
    [InlineData("iloveyou!!!!")]
    [InlineData("qwertyuiop123")]
    [InlineData("monkeymonkey")]
    [InlineData("abcabcabcabc")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("123456789012")]
    public void CommonPassword_OrAListEntryStretchedToLength_IsRefused(string password) =>
        Assert.True(CommonPasswordValidator.IsCommon(password));

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("a long walk on the beach at dawn")]
    [InlineData("Tr0ub4dor&3-orchid-lamp")]
    [InlineData("passwordless sign-in is nice")]
    public void Passphrase_NotOnTheList_IsAccepted(string password) =>
        Assert.False(CommonPasswordValidator.IsCommon(password));
}
