using System.Collections.Concurrent;

using Microsoft.Extensions.Logging;

namespace Scheduling.WebTests.Infrastructure;

public sealed record CapturedLogLine(string Category, LogLevel Level, string Message, Exception? Exception, IReadOnlyDictionary<string, string> Scope)
{
    /// <summary>Everything the line would put in a log file: message, exception and scope values.</summary>
    public string AllText => string.Join(" | ", [Category, Message, Exception?.ToString() ?? string.Empty, .. Scope.Select(kv => $"{kv.Key}={kv.Value}")]);
}

/// <summary>
/// A logger provider that keeps every line with the scope values a console or JSON formatter would
/// write (the request's trace id among them), for tests that read the app's logs.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLogLine> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<CapturedLogLine> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new Dictionary<string, string>();
            owner._scopes.ForEachScope(
                (value, values) =>
                {
                    if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        // Its text too: the console formatters print a scope by its ToString().
                        values[$"scope{values.Count}"] = value.ToString() ?? string.Empty;
                        foreach (var (key, item) in pairs)
                        {
                            values[key] = item?.ToString() ?? string.Empty;
                        }
                    }
                    else if (value is not null)
                    {
                        values[$"scope{values.Count}"] = value.ToString() ?? string.Empty;
                    }
                },
                scope);
            var text = formatter(state, exception);
            if (state is IEnumerable<KeyValuePair<string, object?>> fields)
            {
                // Structured values too: a JSON formatter writes them as separate properties.
                text += " " + string.Join(" ", fields.Select(f => $"{f.Key}={f.Value}"));
            }

            owner._lines.Enqueue(new CapturedLogLine(category, logLevel, text, exception, scope));
        }
    }
}
