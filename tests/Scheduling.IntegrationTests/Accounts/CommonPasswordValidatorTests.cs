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

/// <summary>Passwords an attacker who knows the person would try first.</summary>
public class PersonalPasswordValidatorTests
{
    private const string Email = "sam.planner@harbour-ir.example";
    private const string Name = "Dr. Samantha Ann Planner";

    [Theory]
    [InlineData("sam.planner@harbour-ir.example", PersonalPasswordValidator.EmailMessage)]
    [InlineData("SAM.PLANNER@HARBOUR-IR.EXAMPLE!", PersonalPasswordValidator.EmailMessage)]
    [InlineData("my sam.planner 2026 key", PersonalPasswordValidator.EmailMessage)]
    [InlineData("Samantha-1984-harbour", PersonalPasswordValidator.NameMessage)]
    [InlineData("blue planner lamp 42", PersonalPasswordValidator.NameMessage)]
    [InlineData("ann-2026-lake-house", PersonalPasswordValidator.NameMessage)]
    [InlineData("dr. samantha ann planner", PersonalPasswordValidator.NameMessage)]
    public void APasswordHoldingTheEmailOrTheName_IsRefusedWithItsReason(string password, string message) =>
        Assert.Contains(message, PersonalPasswordValidator.Problems(Email, Name, password));

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("banner over the dry harbour")]
    [InlineData("drive to the lake at noon")]
    public void APasswordThatOnlyHasTheLettersInsideOtherWords_IsAccepted(string password) =>
        Assert.Empty(PersonalPasswordValidator.Problems(Email, Name, password));
}
