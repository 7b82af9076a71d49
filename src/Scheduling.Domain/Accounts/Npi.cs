namespace Scheduling.Domain.Accounts;

/// <summary>
/// A US National Provider Identifier: 10 digits whose last is a Luhn check digit computed over the
/// ISO card prefix 80840 followed by the first nine digits (CMS, "Requirements for NPI check digit").
/// A typo in one digit or two swapped neighbours is caught before an account is made for it.
/// </summary>
public sealed record Npi
{
    public const int Length = 10;
    private const string CardPrefix = "80840";

    private Npi(string value) => Value = value;

    public string Value { get; }

    /// <summary>The NPI in the text (spaces and dashes allowed between digits), or null when it is not a valid one.</summary>
    public static Npi? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var digits = new string(text.Where(c => c is not (' ' or '-')).ToArray());
        if (digits.Length != Length || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        return HasValidCheckDigit(digits) ? new Npi(digits) : null;
    }

    public static bool IsValid(string? text) => TryParse(text) is not null;

    private static bool HasValidCheckDigit(string digits)
    {
        // Luhn over prefix + all ten digits: from the right, double every second digit.
        var full = CardPrefix + digits;
        var sum = 0;
        for (var i = 0; i < full.Length; i++)
        {
            var digit = full[full.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return sum % 10 == 0;
    }

    public override string ToString() => Value;
}
