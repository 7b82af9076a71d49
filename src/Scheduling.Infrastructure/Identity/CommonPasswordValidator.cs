using System.Collections.Frozen;

using Microsoft.AspNetCore.Identity;

namespace Scheduling.Infrastructure.Identity;

/// <summary>
/// Refuses passwords from the shipped list of the most common ones (NIST 800-63B 3.1.1.2 "values
/// known to be commonly used"). Because the minimum length already rules out most list entries as
/// they stand, the usual ways of stretching one to 12 characters are refused too: digits or symbols
/// added before or after ("password1234"), and repetition ("qwertyqwerty"). Case is ignored.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<ApplicationUser>
{
    public const string ErrorCode = "CommonPassword";
    public const string Message = "This password is on the list of the most commonly used passwords. Choose another: a few unrelated words make a good one.";

    private static readonly Lazy<FrozenSet<string>> List = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password) =>
        Task.FromResult(IsCommon(password)
            ? IdentityResult.Failed(new IdentityError { Code = ErrorCode, Description = Message })
            : IdentityResult.Success);

    public static bool IsCommon(string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return false;
        }

        var normalized = password.Trim().ToLowerInvariant();
        var core = normalized.Trim(Padding);
        return List.Value.Contains(normalized)
            || (core.Length > 0 && List.Value.Contains(core))
            || IsCommonWithPaddingAfter(normalized)
            || IsRepetition(normalized);
    }

    /// <summary>A list entry followed by digits or symbols only ("1234567890123", "iloveyou!!!!").</summary>
    private static bool IsCommonWithPaddingAfter(string password)
    {
        for (var length = 4; length < password.Length; length++)
        {
            if (List.Value.Contains(password[..length]) && password[length..].All(c => Padding.Contains(c)))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly char[] Padding = "0123456789!@#$%^&*()-_=+.,?~ ".ToCharArray();

    /// <summary>A short unit repeated ("abcabcabcabc"), or a list entry repeated ("monkeymonkey").</summary>
    private static bool IsRepetition(string password)
    {
        for (var unit = 1; unit <= password.Length / 2; unit++)
        {
            if (password.Length % unit != 0)
            {
                continue;
            }

            var part = password[..unit];
            if (string.Concat(Enumerable.Repeat(part, password.Length / unit)) == password
                && (unit <= 4 || List.Value.Contains(part)))
            {
                return true;
            }
        }

        return false;
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Scheduling.Infrastructure.Identity.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                words.Add(line.Trim().ToLowerInvariant());
            }
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
