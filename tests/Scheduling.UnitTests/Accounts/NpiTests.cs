using Scheduling.Domain.Accounts;

namespace Scheduling.UnitTests.Accounts;

public class NpiTests
{
    [Theory]
    [InlineData("1234567893")] // the example in the CMS check-digit specification
    [InlineData("1245319599")]
    [InlineData("1763138884")]
    public void Npi_WithTheRightLuhnCheckDigitOverThe80840Prefix_IsAccepted(string text) =>
        Assert.Equal(text, Npi.TryParse(text)?.Value);

    [Theory]
    [InlineData("1234567890")] // wrong check digit
    [InlineData("1234567839")] // two neighbours swapped
    [InlineData("2234567893")] // one digit mistyped
    [InlineData("123456789")] // nine digits
    [InlineData("12345678930")] // eleven digits
    [InlineData("12345678a3")]
    [InlineData("")]
    [InlineData(null)]
    public void Npi_ThatIsNotTenDigitsWithAValidCheckDigit_IsRefused(string? text) =>
        Assert.Null(Npi.TryParse(text));

    [Fact]
    public void Npi_TypedWithSpacesOrDashes_IsStoredAsTenDigits() =>
        Assert.Equal("1234567893", Npi.TryParse(" 123-456 7893 ")?.Value);

    [Fact]
    public void Npi_ValidOnlyWithoutThePrefix_IsRefused()
    {
        // Valid by a plain Luhn check over its own ten digits, invalid once the 80840 prefix counts.
        Assert.True(PlainLuhn("1234567897"));
        Assert.Null(Npi.TryParse("1234567897"));
    }

    private static bool PlainLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }

            sum += d;
        }

        return sum % 10 == 0;
    }
}
