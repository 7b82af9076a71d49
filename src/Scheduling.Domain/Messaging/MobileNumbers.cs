using System.Globalization;
using System.Text;

namespace Scheduling.Domain.Messaging;

/// <summary>
/// Mobile numbers as texts need them: E.164 ("+16175550199"), the one form stored, compared (a STOP
/// from a number matches every referral with it) and sent to the provider. A number typed without a
/// country code is read in the clinic's country (North America, +1, by default).
/// </summary>
public static class MobileNumbers
{
    /// <summary>"+" and at most 15 digits.</summary>
    public const int MaxLength = 16;

    public const string NorthAmerica = "1";

    /// <summary>The number in E.164, or null when it is not a phone number that can get texts.</summary>
    public static string? Normalize(string? input, string defaultCountryCode = NorthAmerica)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var trimmed = input.Trim();
        var digits = new StringBuilder();
        foreach (var c in trimmed)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '(' or ')' or '.' or '+'))
            {
                return null;
            }
        }

        var international = trimmed.StartsWith('+') || trimmed.StartsWith("00", StringComparison.Ordinal);
        var number = digits.ToString();
        if (trimmed.StartsWith("00", StringComparison.Ordinal))
        {
            number = number[2..];
        }

        if (!international)
        {
            number = defaultCountryCode == NorthAmerica
                ? number.Length == 11 && number[0] == '1' ? number : NorthAmerica + number
                : defaultCountryCode + number.TrimStart('0');
        }

        if (number.Length is < 8 or > 15 || number[0] == '0')
        {
            return null;
        }

        // North American numbers: ten digits after the 1, area code and exchange not starting with 0 or 1.
        if (number[0] == '1' && (number.Length != 11 || number[1] is '0' or '1' || number[4] is '0' or '1'))
        {
            return null;
        }

        return "+" + number;
    }

    /// <summary>How a number is shown: "(617) 555-0199" for North America, else "+44 7700900123".</summary>
    public static string Display(string e164)
    {
        ArgumentNullException.ThrowIfNull(e164);
        return e164.Length == 12 && e164.StartsWith("+1", StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"({e164[2..5]}) {e164[5..8]}-{e164[8..]}")
            : e164.Length > 3 ? $"{e164[..3]} {e164[3..]}" : e164;
    }
}
