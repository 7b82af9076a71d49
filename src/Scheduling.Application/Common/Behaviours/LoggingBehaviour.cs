using System.Diagnostics;

using Mediator;

using Microsoft.Extensions.Logging;

using Scheduling.Application.Common.Results;

namespace Scheduling.Application.Common.Behaviours;

/// <summary>
/// Logs which use case ran, how long it took and how it ended. Only the message's type name is
/// logged, never its content: commands carry patient data.
/// </summary>
public sealed partial class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var name = UseCaseName();
        try
        {
            var response = await next(message, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response is IUseCaseResult { Error: { } error })
            {
                LogRefused(logger, name, error.Kind, elapsed);
            }
            else
            {
                LogHandled(logger, name, elapsed);
            }

            return response;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex, name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    private static string UseCaseName()
    {
        var type = typeof(TMessage);
        return type.DeclaringType is { } feature ? $"{feature.Name}.{type.Name}" : type.Name;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{UseCase} handled in {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string useCase, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{UseCase} refused ({Kind}) in {ElapsedMs:0.0} ms")]
    private static partial void LogRefused(ILogger logger, string useCase, ErrorKind kind, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "{UseCase} failed after {ElapsedMs:0.0} ms")]
    private static partial void LogFailed(ILogger logger, Exception exception, string useCase, double elapsedMs);
}
