namespace Scheduling.Web.Commands;

/// <summary>
/// One command-line command (<c>dotnet run --project src/Scheduling.Web -- NAME [--option value]</c>).
/// A new command is one class implementing this interface; <see cref="CommandDispatcher"/> finds it.
/// Commands run on the fully composed app (same settings, same database) without starting the web
/// server, the background jobs or the start-up migration and seeding.
/// </summary>
public interface IAppCommand
{
    /// <summary>The word typed after "--", e.g. "migrate".</summary>
    string Name { get; }

    /// <summary>One line for the help text, e.g. "backup --to FILE   consistent copy of the SQLite database".</summary>
    string Usage { get; }

    /// <returns>The process exit code: 0 for success.</returns>
    Task<int> RunAsync(CommandArguments arguments, CancellationToken cancellationToken);
}

/// <summary>The words after the command name: "--name value" pairs.</summary>
public sealed class CommandArguments(IReadOnlyDictionary<string, string> options)
{
    public string? Get(string name) => options.TryGetValue(name, out var value) ? value : null;

    public static CommandArguments Parse(IEnumerable<string> words)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? pending = null;
        foreach (var word in words)
        {
            if (word.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = word.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    options[word[2..eq]] = word[(eq + 1)..];
                    pending = null;
                }
                else
                {
                    pending = word[2..];
                    options[pending] = string.Empty;
                }
            }
            else if (pending is not null)
            {
                options[pending] = word;
                pending = null;
            }
        }

        return new CommandArguments(options);
    }
}
