using Microsoft.AspNetCore.Identity;

namespace Scheduling.Infrastructure.Identity;

/// <summary>
/// Refuses passwords an attacker who knows the person tries first (NIST 800-63B 3.1.1.2 "context-specific
/// words, such as the name of the service, the username"): one that holds the account's email address
/// or its part before the @, one that holds the person's name, and the password the account has now.
/// Case is ignored. A part of the name or of the address (three letters or more; "Dr" and "Li" are not
/// checked alone) counts where it stands as a word of its own, not inside another ("Ann" is in
/// "ann-2026-lake" but not in "banner").
/// </summary>
public sealed class PersonalPasswordValidator : IPasswordValidator<ApplicationUser>
{
    public const string EmailMessage = "Choose a password that does not contain your email address.";
    public const string NameMessage = "Choose a password that does not contain your name.";
    public const string CurrentMessage = "This is your current password. Choose a new one.";

    private const int ShortestCheckedPart = 3;

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var errors = Problems(user.Email, user.FullName, password)
            .Select(message => new IdentityError { Code = "PersonalPassword", Description = message })
            .ToList();
        if (user.PasswordHash is { } hash
            && manager.PasswordHasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed)
        {
            errors.Add(new IdentityError { Code = "CurrentPassword", Description = CurrentMessage });
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    /// <summary>What is wrong with <paramref name="password"/> for this person, by email and name alone.</summary>
    public static IEnumerable<string> Problems(string? email, string? fullName, string password)
    {
        var local = email?.Split('@')[0];
        if (Holds(password, email) || (local?.Length >= ShortestCheckedPart && HoldsAsWord(password, local)))
        {
            yield return EmailMessage;
        }

        var names = (fullName ?? string.Empty)
            .Split([' ', '-', '\'', '.', ','], StringSplitOptions.RemoveEmptyEntries)
            .Where(part => part.Length >= ShortestCheckedPart);
        if (Holds(password, fullName) || names.Any(part => HoldsAsWord(password, part)))
        {
            yield return NameMessage;
        }
    }

    private static bool Holds(string password, string? part) =>
        !string.IsNullOrWhiteSpace(part) && password.Contains(part.Trim(), StringComparison.OrdinalIgnoreCase);

    private static bool HoldsAsWord(string password, string part)
    {
        for (var at = password.IndexOf(part, StringComparison.OrdinalIgnoreCase); at >= 0;
             at = password.IndexOf(part, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + part.Length;
            if ((at == 0 || !char.IsLetter(password[at - 1])) && (end == password.Length || !char.IsLetter(password[end])))
            {
                return true;
            }
        }

        return false;
    }
}
