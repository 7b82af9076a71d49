using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

using Npgsql;

namespace Scheduling.Infrastructure.Persistence;

/// <summary>Configuration section "ConnectionStrings" (environment: ConnectionStrings__Scheduling).</summary>
public sealed class ConnectionStringsOptions
{
    public const string SectionName = "ConnectionStrings";

    /// <summary>The application database; required for SqlServer and PostgreSql, a file in the data folder for Sqlite.</summary>
    public string? Scheduling { get; set; }

    /// <summary>
    /// Whether the configured connection string can be used with the provider: present for a server
    /// database, and parsed by the provider's own builder. The messages name the key and the keyword
    /// at fault, never the string itself (it holds a password).
    /// </summary>
    public static IReadOnlyList<string> Problems(DatabaseProvider provider, string? connectionString)
    {
        const string Key = "ConnectionStrings:Scheduling";
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return provider == DatabaseProvider.Sqlite
                ? []
                : [$"{Key} must be set when Database:Provider is {provider} (server, database, login and password of the app's own login)."];
        }

        try
        {
            var missing = provider switch
            {
                DatabaseProvider.SqlServer => string.IsNullOrWhiteSpace(new SqlConnectionStringBuilder(connectionString).DataSource) ? "Server" : null,
                DatabaseProvider.PostgreSql => string.IsNullOrWhiteSpace(new NpgsqlConnectionStringBuilder(connectionString).Host) ? "Host" : null,
                _ => string.IsNullOrWhiteSpace(new SqliteConnectionStringBuilder(connectionString).DataSource) ? "Data Source" : null,
            };
            return missing is null ? [] : [$"{Key} has no {missing}; it is not a usable {provider} connection string."];
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return [$"{Key} is not a valid {provider} connection string ({FirstSentence(ex.Message)})."];
        }
    }

    private static string FirstSentence(string message)
    {
        var line = message.Split('\n')[0].Trim();
        var paren = line.IndexOf(" (Parameter", StringComparison.Ordinal);
        return (paren > 0 ? line[..paren] : line).TrimEnd('.');
    }
}
