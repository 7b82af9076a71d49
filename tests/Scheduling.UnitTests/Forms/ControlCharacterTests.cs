using System.Text;

using Scheduling.Application.Common.Behaviours;
using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Common;
using Scheduling.Web.Security;

namespace Scheduling.UnitTests.Forms;

public sealed class ControlCharacterTests
{
    [Theory]
    [InlineData("FullName=Ann%00Lee&Email=a%40b.c", "FullName=Ann%EF%BF%BDLee&Email=a%40b.c")]
    [InlineData("a=%1f%7F%7f", "a=%EF%BF%BD%EF%BF%BD%EF%BF%BD")]
    [InlineData("a=x\u0001y", "a=x%EF%BF%BDy")]
    [InlineData("a=%00", "a=%EF%BF%BD")]
    public void AFormBody_HasEachControlCharacter_RawOrEncoded_ReplacedByAnEncodedPlaceholder(string body, string expected) =>
        Assert.Equal(expected, Encoding.ASCII.GetString(FormControlCharacters.Replace(Encoding.ASCII.GetBytes(body))!));

    [Theory]
    [InlineData("Note=Line1%0D%0ALine2%09tab&Name=Ann+Lee")]
    [InlineData("Name=100%25&x=%2")]
    [InlineData("Name=%C3%A9%E2%82%AC")]
    public void AFormBody_WithTabsLineBreaksAndOrdinaryText_IsLeftAlone(string body) =>
        Assert.Null(FormControlCharacters.Replace(Encoding.ASCII.GetBytes(body)));

    [Fact]
    public void KeepableText_RefusesControlCharactersAndThePlaceholder_ButKeepsTabsLineBreaksAndLetters()
    {
        Assert.True(KeepableText.IsKeepable("Línea 1\r\nLínea 2\tß 日本 🙂"));
        Assert.True(KeepableText.IsKeepable(null));
        Assert.All(new[] { "\0", "a\u0001", "\u001b[0m", "\u007f", "\u0085", "x\uFFFDy" }, t => Assert.False(KeepableText.IsKeepable(t)));
    }

    [Fact]
    public void TextFields_NamesEveryUnkeepableText_AsFluentValidationNamesFields_HoweverNested()
    {
        var command = new Nested("ok\r\n", new Inner("bad\0", ["fine", "also\u0002bad"]), new Dictionary<string, string> { ["a"] = "\u0007" });

        Assert.Equal(["Inner.Text", "Inner.Lines[1]", "ByKey[a]"], TextFields.Unkeepable(command));
        Assert.Empty(TextFields.Unkeepable(new Nested("ok", new Inner("ok", []), [])));
    }

    [Fact]
    public void TextFields_FindsTheReferralFormsFields()
    {
        var command = new SubmitReferral.Command(null, new ReferralDetailsInput { PatientFirstName = "Ann\uFFFDLee" }, new QuestionnaireInput());

        Assert.Equal(["Details.PatientFirstName"], TextFields.Unkeepable(command));
    }

    public sealed record Nested(string Top, Inner Inner, Dictionary<string, string> ByKey);

    public sealed record Inner(string Text, List<string> Lines);
}
