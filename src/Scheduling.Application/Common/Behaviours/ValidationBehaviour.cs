using FluentValidation;

using Mediator;

using Scheduling.Application.Common.Results;
using Scheduling.Domain.Common;

namespace Scheduling.Application.Common.Behaviours;

/// <summary>
/// Runs every FluentValidation validator of the message, and refuses text the practice cannot keep
/// (control characters, <see cref="KeepableText"/>) in any field of any message; on failure the
/// handler is not called and the caller gets a validation result with messages per field.
/// </summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
    where TResponse : IResultFactory<TResponse>
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var failures = TextFields.Unkeepable(message)
            .Select(field => new FluentValidation.Results.ValidationFailure(field, KeepableText.Message))
            .ToList();
        foreach (var validator in validators)
        {
            var outcome = await validator.ValidateAsync(message, cancellationToken);
            failures.AddRange(outcome.Errors);
        }

        if (failures.Count == 0)
        {
            return await next(message, cancellationToken);
        }

        var byField = failures
            .GroupBy(f => f.PropertyName)
            .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray());
        return TResponse.Failure(Error.Validation(byField));
    }
}
