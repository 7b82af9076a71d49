using Microsoft.Extensions.Configuration;

namespace Scheduling.Infrastructure;

/// <summary>
/// A setting the app cannot run with. The message is one line that names each key and its rule, so
/// the person starting the app knows what to change; Program prints it and exits instead of starting.
/// </summary>
public sealed class InvalidSettingsException(IReadOnlyList<string> problems)
    : Exception("Invalid settings: " + string.Join(" ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;

    /// <summary>Binds a section, turning a value that does not convert (a word for a number) into the same one-line failure.</summary>
    public static T Bind<T>(IConfiguration configuration, string section)
        where T : new()
    {
        try
        {
            return configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException ex)
        {
            // The binder's message already names the key ("... at 'RateLimits:SignInPerMinute' to type 'System.Int32'").
            throw new InvalidSettingsException([ex.Message]);
        }
    }

    public static T BindValid<T>(IConfiguration configuration, string section, Func<T, IReadOnlyList<string>> validate)
        where T : new()
    {
        var value = Bind<T>(configuration, section);

        // Policies in the domain name their properties only ("HorizonDays must..."); the person
        // editing settings needs the whole key ("Slots:HorizonDays").
        var problems = validate(value)
            .Select(p => p.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase) ? p : $"{section}:{p}")
            .ToList();
        return problems.Count == 0 ? value : throw new InvalidSettingsException(problems);
    }
}
