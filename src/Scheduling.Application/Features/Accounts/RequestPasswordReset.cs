using FluentValidation;

using Mediator;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Accounts;

namespace Scheduling.Application.Features.Accounts;

/// <summary>
/// "Forgot password" from the sign-in page. The request only writes down what was asked and queues
/// the job that handles it (<see cref="HandlePasswordResetRequests"/>): the same row, the same job and
/// the same audit line for every address, so neither the answer nor its time tells whether the address
/// has an account. Looking the address up, the hourly limit and the link itself happen in the job.
/// </summary>
public static class RequestPasswordReset
{
    public sealed record Command(string? Email) : ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Email).ValidEmail();
    }

    public sealed class Handler(IApplicationDbContext db, IPostCommitActions postCommit, IBackgroundJobs jobs, IAuditLog audit, TimeProvider clock)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = PasswordResetRequest.Ask(command.Email!, clock.GetUtcNow().UtcDateTime);
            db.PasswordResetRequests.Add(request);
            postCommit.Add(_ =>
            {
                jobs.EnqueuePasswordResetRequest(request.Id);
                return Task.CompletedTask;
            });
            audit.Record("PasswordResetRequested", "PasswordResetRequest", request.Id, $"Email given: {request.Email}");
            await db.SaveChangesAsync(cancellationToken);
            return Result.Success();
        }
    }
}
