using System.Security.Cryptography;

using Scheduling.Application.Features.Messaging;


namespace Scheduling.UnitTests.Messaging;

public class PatientLinkTokensTests
{
    [Fact]
    public void NewToken_IsUrlSafeAndCarries32RandomBytes()
    {
        var (token, hash) = PatientLinkTokens.NewToken();

        Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
        Assert.Equal(32, hash.Length);
    }

    [Fact]
    public void NewToken_StoresOnlyTheSha256OfTheToken()
    {
        var (token, hash) = PatientLinkTokens.NewToken();

        Assert.Equal(hash, PatientLinkTokens.HashOf(token));
        Assert.DoesNotContain(token, Convert.ToBase64String(hash));
    }

    [Fact]
    public void NewToken_NeverRepeats()
    {
        var tokens = Enumerable.Range(0, 1000).Select(_ => PatientLinkTokens.NewToken().Token).ToHashSet();

        Assert.Equal(1000, tokens.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("not base64 url !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void HashOf_ForSomethingThatCannotBeAToken_IsNull(string? token) =>
        Assert.Null(PatientLinkTokens.HashOf(token));

    [Fact]
    public void HashOf_ForAValidShapeToken_IsItsSha256()
    {
        var bytes = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var token = System.Buffers.Text.Base64Url.EncodeToString(bytes);

        Assert.Equal(SHA256.HashData(bytes), PatientLinkTokens.HashOf(token));
    }
}
