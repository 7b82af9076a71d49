using System.Diagnostics;
using System.Text.RegularExpressions;

using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Scheduling.Web.Composition;

/// <summary>
/// Link tokens never reach a log line, a log scope or a span. A patient-link token opens that patient's
/// appointment page and can confirm or cancel it; an account-link token sets a password. They travel in
/// the path (<see cref="SecretRoutes"/>), so every path the app logs or traces has them replaced by the
/// route template's name: <c>/p/{token}/confirm</c>. Two places do it: every logger the app creates
/// (the framework's request lines and its RequestPath scope included) goes through
/// <see cref="RedactingLoggerFactory"/>, and <see cref="SecretRedactionMiddleware"/>, first in the
/// pipeline, rewrites the request span's <c>url.path</c> and remembers the request's token so that
/// a log line that prints it without its path (MVC's "Route matched with {...token = ...}") is cleaned too.
/// </summary>
public static class SecretRedaction
{
    private static readonly AsyncLocal<string[]?> RequestSecrets = new();

    public static IServiceCollection AddSecretRedaction(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory, RedactingLoggerFactory>());
        return services;
    }

    /// <summary>First in the pipeline, before anything that logs or traces the request.</summary>
    public static IApplicationBuilder UseSecretRedaction(this IApplicationBuilder app) => app.UseMiddleware<SecretRedactionMiddleware>();

    /// <summary>The text with every secret path segment, and the current request's token, replaced by <c>{token}</c>.</summary>
    public static string Redact(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var redacted = SecretSegment.Replace(text, "${prefix}" + SecretRoutes.Placeholder);
        if (RequestSecrets.Value is { } secrets)
        {
            foreach (var secret in secrets)
            {
                redacted = redacted.Replace(secret, SecretRoutes.Placeholder, StringComparison.Ordinal);
            }
        }

        return redacted;
    }

    /// <summary>The secret values in a request path (the token after /p/ or /account/link/).</summary>
    public static string[] SecretsIn(string path) =>
        [.. SecretSegment.Matches(path).Select(m => m.Groups["secret"].Value).Where(s => s != SecretRoutes.Placeholder)];

    internal static void RememberForThisRequest(string[] secrets) => RequestSecrets.Value = secrets.Length == 0 ? null : secrets;

    internal static object? RedactValue(object? value) => value switch
    {
        null => null,
        string text => Redact(text),
        IFormattable or bool => value,
        _ when value.ToString() is { } text && Redact(text) is var redacted && !ReferenceEquals(redacted, text) && redacted != text => redacted,
        _ => value,
    };

    // A secret segment: the one after a prefix of SecretRoutes, up to the next '/', '?', '#', quote or space.
    private static readonly Regex SecretSegment = new(
        $"(?<prefix>/(?:{string.Join('|', SecretRoutes.Prefixes.Select(p => Regex.Escape(p.Trim('/'))))})/)(?<secret>[^/?#\\s\"'<>]+)",
        RegexOptions.CultureInvariant | RegexOptions.Compiled);
}

/// <summary>
/// The routes whose path carries a secret (a route parameter named <c>token</c>): the patient link
/// (<c>/p/{token}</c>) and the account link (<c>/account/link/{token}</c>). A test compares this list
/// with every route the app maps, so a new token route cannot be left out.
/// </summary>
public static class SecretRoutes
{
    public const string Placeholder = "{token}";

    /// <summary>The literal path before each token parameter (what <see cref="SecretRedaction"/> looks for).</summary>
    public static IReadOnlyList<string> Prefixes { get; } = ["/p/", "/account/link/"];
}

/// <summary>Sets the request's span path to its redacted form and remembers its token for the loggers.</summary>
public sealed class SecretRedactionMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = (context.Request.PathBase + context.Request.Path).Value ?? string.Empty;
        var secrets = SecretRedaction.SecretsIn(path);
        if (secrets.Length > 0)
        {
            SecretRedaction.RememberForThisRequest(secrets);
            if (Activity.Current is { } span)
            {
                span.SetTag("url.path", SecretRedaction.Redact(path));
                if (span.GetTagItem("url.full") is string full)
                {
                    span.SetTag("url.full", SecretRedaction.Redact(full));
                }
            }
        }

        return next(context);
    }
}

/// <summary>
/// The app's one logger factory: the framework's, whose every logger hands its lines and scopes to
/// the providers (console, OpenTelemetry, any other) only after <see cref="SecretRedaction.Redact"/>.
/// Filters, provider aliases and activity tracking work as configured, because the providers are unchanged.
/// </summary>
public sealed class RedactingLoggerFactory(
    IEnumerable<ILoggerProvider> providers,
    IOptionsMonitor<LoggerFilterOptions> filterOptions,
    IOptions<LoggerFactoryOptions> factoryOptions) : ILoggerFactory
{
    private readonly LoggerFactory _inner = new(providers, filterOptions, factoryOptions);

    public ILogger CreateLogger(string categoryName) => new RedactingLogger(_inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => _inner.AddProvider(provider);

    public void Dispose() => _inner.Dispose();

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => state switch
            {
                IReadOnlyList<KeyValuePair<string, object?>> fields when Redacted(fields) is { } redacted =>
                    inner.BeginScope(new RedactedState(SecretRedaction.Redact(state.ToString() ?? string.Empty), redacted)),
                string text when SecretRedaction.Redact(text) is var redacted && redacted != text => inner.BeginScope(redacted),
                _ => inner.BeginScope(state),
            };

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            var redactedMessage = SecretRedaction.Redact(message);
            var redactedException = exception is not null && SecretRedaction.Redact(exception.ToString()) is var text && text != exception.ToString()
                ? new RedactedException(text)
                : exception;
            if (redactedMessage == message && ReferenceEquals(redactedException, exception))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }

            var fields = state is IReadOnlyList<KeyValuePair<string, object?>> values
                ? Redacted(values) ?? values
                : [];
            inner.Log(logLevel, eventId, new RedactedState(redactedMessage, fields), redactedException, static (s, _) => s.Message);
        }

        /// <summary>The fields with secrets replaced, or null when none held one.</summary>
        private static IReadOnlyList<KeyValuePair<string, object?>>? Redacted(IReadOnlyList<KeyValuePair<string, object?>> fields)
        {
            List<KeyValuePair<string, object?>>? copy = null;
            for (var i = 0; i < fields.Count; i++)
            {
                var (key, value) = fields[i];
                var redacted = key == "{OriginalFormat}" ? value : SecretRedaction.RedactValue(value);
                if (copy is null && !Equals(redacted, value))
                {
                    copy = [.. fields.Take(i)];
                }

                copy?.Add(new(key, redacted));
            }

            return copy;
        }
    }

    /// <summary>A log line's or scope's state after redaction: the same fields (the template among them) and its text.</summary>
    private sealed class RedactedState(string message, IReadOnlyList<KeyValuePair<string, object?>> fields) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public string Message { get; } = message;

        public int Count => fields.Count;

        public KeyValuePair<string, object?> this[int index] => fields[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => fields.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => Message;
    }
}

/// <summary>An exception whose text held a secret, logged as its redacted text.</summary>
public sealed class RedactedException(string redactedText) : Exception(redactedText)
{
    public override string ToString() => Message;
}
