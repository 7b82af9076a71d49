using System.Data.Common;
using System.Reflection;

using Microsoft.EntityFrameworkCore.Storage;

using Scheduling.Infrastructure;

namespace Scheduling.Web.Composition;

/// <summary>
/// What a person starting the app (or one of its commands) sees when it cannot run: one line naming
/// the setting, and exit code 1, never a stack trace. A setting the start-up check cannot judge
/// alone (a database that is behind, a connection string whose server refuses it) fails here, once
/// the app is built. Only the app's own process turns the failure into an exit code; a host that
/// embeds Program (the tests) gets the exception itself.
/// </summary>
public static class StartupFailure
{
    public const int ExitCode = 1;

    public static async Task<int> OneLineAsync(Func<Task<int>> step)
    {
        try
        {
            return await step();
        }
        catch (Exception ex) when (IsOwnProcess && Describe(ex) is { } line)
        {
            await Console.Error.WriteLineAsync(line);
            return ExitCode;
        }
    }

    /// <summary>The one line for a failure that is about the settings or the database they point at; null for a bug.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        InvalidSettingsException settings => settings.Message,
        RetryLimitExceededException { InnerException: { } inner } => Describe(inner),
        DbException database => $"ConnectionStrings:Scheduling: the database could not be used ({OneLine(database.Message)}).",
        InvalidOperationException { InnerException: DbException database } => Describe(database),
        _ => null,
    };

    private static bool IsOwnProcess => Assembly.GetEntryAssembly() == typeof(StartupFailure).Assembly;

    private static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.');
}
